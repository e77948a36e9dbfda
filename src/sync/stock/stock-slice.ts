// Stock balance, Ongoing → Finago: for each linked article, Ongoing's quantity (sellable or
// physical, a setting) is written with SetStockQuantity when it differs from Finago's.
// Deltas use stockInfoChangedFrom, which Ongoing accepts only within 24 hours; older cursors,
// and at least every 6 hours, mean a full sweep.
import { collect } from "../../ongoing/ongoing-client.js";
import type { GetArticleModel } from "../../ongoing/ongoing-types.js";
import { classifyError } from "../classify-error.js";
import { createLinksDal, type ArticleLink } from "../links-dal.js";
import { CURSOR_OVERLAP_MS, scopeOf, type Slice, type SliceContext } from "../slice-types.js";
import { decideStockWrite, ONGOING_QUANTITY_MEMBER } from "./stock-fns.js";

const HOUR_MS = 60 * 60 * 1000;
/** Ongoing refuses stockInfoChangedFrom older than 24 hours; keep a margin for the request's travel. */
export const STOCK_DELTA_WINDOW_MS = 24 * HOUR_MS - 10 * 60 * 1000;
export const FULL_SWEEP_EVERY_MS = 6 * HOUR_MS;

/** Delta from `from`, or a full sweep (undefined), for an interval run starting at `now`. */
export function stockReadPlan(
  cursor: Date | null | undefined,
  lastFullSweepAt: Date | null | undefined,
  now: Date,
  fullResync: boolean,
): { mode: "delta"; from: Date } | { mode: "full" } {
  if (fullResync || !cursor || !lastFullSweepAt) return { mode: "full" };
  if (now.getTime() - lastFullSweepAt.getTime() >= FULL_SWEEP_EVERY_MS) return { mode: "full" };
  const from = new Date(cursor.getTime() - CURSOR_OVERLAP_MS);
  if (now.getTime() - from.getTime() > STOCK_DELTA_WINDOW_MS) return { mode: "full" };
  return { mode: "delta", from };
}

export const syncStock: Slice = async (ctx) => {
  const links = createLinksDal(ctx.db, ctx.integration.id);
  const scope = scopeOf(ctx.run);
  const named = [...(scope.articleNumber ? [scope.articleNumber] : []), ...(scope.sourceIds ?? [])];
  const startedAt = ctx.now();
  let articles: GetArticleModel[];
  let fullSweep = false;
  if (named.length) {
    articles = await collect(ctx.ongoing.listArticles({ articleNumbers: named }));
  } else {
    const plan = stockReadPlan(ctx.state?.cursor, ctx.state?.lastFullSweepAt, startedAt, ctx.run.fullResync);
    articles = await collect(ctx.ongoing.listArticles(plan.mode === "delta" ? { stockInfoChangedFrom: plan.from } : {}));
    const retry = (await ctx.retryableSourceIds()).filter((n) => !articles.some((a) => a.articleNumber === n));
    if (retry.length) articles.push(...(await collect(ctx.ongoing.listArticles({ articleNumbers: retry }))));
    ctx.log.info({ runId: ctx.run.id, mode: plan.mode, articles: articles.length }, "stock read");
    fullSweep = plan.mode === "full";
  }

  const linked: Array<{ article: GetArticleModel; link: ArticleLink }> = [];
  for (const article of articles) {
    const link = await links.articleLinkByNumber(article.articleNumber);
    if (link) linked.push({ article, link });
    else if (named.length) await ctx.record({ entity: "stock", sourceId: article.articleNumber, action: "skipped", message: "no Finago product is linked to this article" });
  }
  const products = linked.length ? await ctx.finago.getProductsByIds(linked.map((l) => l.link.finagoProductId)) : [];
  const finagoStock = new Map(products.map((p) => [p.Id, p.Stock]));

  for (const { article, link } of linked) {
    await balanceArticle(ctx, article, link, finagoStock.get(link.finagoProductId));
  }
  if (named.length) return;
  // Only a sweep that got through counts towards the six-hourly one.
  if (fullSweep) await ctx.saveState({ lastFullSweepAt: startedAt });
  await ctx.advanceCursor(startedAt);
};

async function balanceArticle(ctx: SliceContext, article: GetArticleModel, link: ArticleLink, finagoQuantity: number | undefined) {
  const source = ctx.integration.settings.stockQuantity;
  const decision = decideStockWrite({ ongoing: article.inventoryInfo, finagoQuantity, source });
  const base = { entity: "stock", sourceId: article.articleNumber, targetId: String(link.finagoProductId) };
  const ongoingQuantity = article.inventoryInfo?.[ONGOING_QUANTITY_MEMBER[source]] ?? null;
  const detail = { source, ongoingQuantity, finagoQuantity: finagoQuantity ?? null };
  if (decision.action === "failed") {
    await ctx.record({ ...base, action: "failed", errorClass: "mapping", message: decision.reason, detail });
    return;
  }
  if (decision.action === "unchanged") {
    await ctx.record({ ...base, action: "unchanged", detail });
    return;
  }
  if (ctx.run.dryRun) {
    await ctx.record({ ...base, action: "planned", detail: { ...detail, write: decision.quantity } });
    return;
  }
  try {
    await ctx.finago.setStockQuantity(link.finagoProductId, decision.quantity);
    await ctx.record({ ...base, action: "updated", detail: { ...detail, written: decision.quantity } });
  } catch (err) {
    const failure = classifyError(err);
    if (failure.retryable) throw err;
    await ctx.record({ ...base, action: "failed", errorClass: failure.errorClass, message: failure.message, detail });
  }
}
