// Article registry, Finago → Ongoing: products changed since the cursor (and earlier failures)
// are mapped and upserted as Ongoing articles; an article whose mapped content is unchanged is
// not written again.
import type { FinagoCompany, FinagoProduct } from "../../finago/finago-types.js";
import { classifyError } from "../classify-error.js";
import { contentHash } from "../content-hash.js";
import { extraPropertiesFor } from "../extra-properties.js";
import { createLinksDal, type LinksDal } from "../links-dal.js";
import { deltaStart, readFinagoRecords, type Slice, type SliceContext } from "../slice-types.js";
import { mapProductToArticle } from "./article-mapping.js";

export const syncArticles: Slice = async (ctx) => {
  const links = createLinksDal(ctx.db, ctx.integration.id);
  const extra = extraPropertiesFor(ctx.integration.settings).product;
  const { records: products, scoped, cursorOf } = await readFinagoRecords(ctx, {
    idOf: (p: FinagoProduct) => p.Id,
    readChanged: () => ctx.finago.getProductsChangedSince(deltaStart(ctx), extra),
    readByIds: (ids) => ctx.finago.getProductsByIds(ids, extra),
  });
  const suppliers = await suppliersOf(ctx, links, products);
  for (const product of products) {
    await writeArticle(ctx, links, product, suppliers.get(product.SupplierId ?? -1));
    const cursor = cursorOf(product);
    if (!scoped && cursor) await ctx.advanceCursor(cursor);
  }
};


/**
 * The supplier companies the products name, when the supplier process is on: from what the
 * supplier slice stored, else read from Finago once and stored for next time.
 */
export async function suppliersOf(
  ctx: SliceContext,
  links: LinksDal,
  products: FinagoProduct[],
): Promise<Map<number, FinagoCompany>> {
  const found = new Map<number, FinagoCompany>();
  if (!ctx.integration.settings.processes.suppliers) return found;
  const ids = [...new Set(products.map((p) => p.SupplierId).filter((id): id is number => Number.isInteger(id) && id! > 0))];
  const missing: number[] = [];
  for (const id of ids) {
    const link = await links.supplierLink(id);
    if (link) found.set(id, link.supplierInfo as FinagoCompany);
    else missing.push(id);
  }
  if (missing.length) {
    for (const company of await ctx.finago.getCompaniesByIds(missing)) {
      if (company.Type !== undefined && company.Type !== "Supplier") continue;
      const stored = storableCompany(company);
      found.set(company.Id, stored);
      if (!ctx.run.dryRun) await links.saveSupplierLink({ finagoCompanyId: company.Id, supplierInfo: stored, contentHash: contentHash(stored) });
    }
  }
  return found;
}

/** The company as the supplier mapping reads it; its change time is not content. */
export function storableCompany(company: FinagoCompany): FinagoCompany {
  const { DateChanged: _changed, ...content } = company;
  return content as FinagoCompany;
}

/**
 * Maps one product and upserts it in Ongoing unless its mapped content is what was last sent,
 * then records the item. Returns the article number when the article is in Ongoing.
 */
export async function writeArticle(
  ctx: SliceContext,
  links: LinksDal,
  product: FinagoProduct,
  supplier: FinagoCompany | undefined,
): Promise<string | undefined> {
  const sourceId = String(product.Id);
  const mapped = mapProductToArticle(product, {
    goodsOwnerId: ctx.integration.goodsOwnerId,
    settings: ctx.integration.settings,
    supplier,
  });
  if (!mapped.ok) {
    await ctx.record({ entity: "article", sourceId, action: "failed", errorClass: "mapping", message: mapped.reason });
    return undefined;
  }
  const { article } = mapped;
  const hash = contentHash(article);
  const [link] = await links.articleLinksByProductIds([product.Id]);
  if (link?.contentHash === hash) {
    await ctx.record({ entity: "article", sourceId, targetId: article.articleNumber, action: "unchanged" });
    return article.articleNumber;
  }
  const action = link ? "updated" : "created";
  if (ctx.run.dryRun) {
    await ctx.record({ entity: "article", sourceId, targetId: article.articleNumber, action: "planned", detail: { would: action, article } });
    return article.articleNumber;
  }
  try {
    const result = await ctx.ongoing.putArticle(article);
    await links.saveArticleLink({
      finagoProductId: product.Id,
      articleNumber: article.articleNumber,
      ongoingArticleSystemId: result.articleSystemId,
      supplierId: product.SupplierId ?? null,
      contentHash: hash,
    });
    if (supplier) await links.markSupplierSent(supplier.Id, contentHash(storableCompany(supplier)));
    await ctx.record({
      entity: "article",
      sourceId,
      targetId: article.articleNumber,
      action,
      detail: { articleSystemId: result.articleSystemId, ...(supplier ? { supplierNumber: String(supplier.Id) } : {}) },
    });
    return article.articleNumber;
  } catch (err) {
    const failure = classifyError(err);
    if (failure.retryable) throw err;
    await ctx.record({ entity: "article", sourceId, targetId: article.articleNumber, action: "failed", errorClass: failure.errorClass, message: failure.message });
    return undefined;
  }
}
