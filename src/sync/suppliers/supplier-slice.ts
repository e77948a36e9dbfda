// Supplier registry, Finago → Ongoing. Ongoing has no supplier endpoint: a supplier travels as
// supplierInfo on the articles whose Finago product names it. A changed supplier is re-sent on
// those articles; one with no article yet waits and goes with its first article.
import type { FinagoCompany } from "../../finago/finago-types.js";
import { contentHash } from "../content-hash.js";
import { storableCompany, writeArticle } from "../articles/article-slice.js";
import { extraPropertiesFor } from "../extra-properties.js";
import { createLinksDal, type LinksDal } from "../links-dal.js";
import { BEGINNING_OF_TIME, deltaStart, readFinagoRecords, type Slice, type SliceContext } from "../slice-types.js";

export const syncSuppliers: Slice = async (ctx) => {
  const links = createLinksDal(ctx.db, ctx.integration.id);
  const { records: companies, scoped, cursorOf } = await readFinagoRecords(ctx, {
    idOf: (c: FinagoCompany) => c.Id,
    // The first run and a full resync read Finago's paged id list, then the companies by id.
    readChanged: async () =>
      deltaStart(ctx) > BEGINNING_OF_TIME
        ? ctx.finago.getCompaniesChangedSince(deltaStart(ctx))
        : ctx.finago.getCompaniesByIds(await ctx.finago.getCompanySyncList()),
    readByIds: (ids) => ctx.finago.getCompaniesByIds(ids),
  });
  for (const company of companies) {
    if (company.Type === "Supplier") await sendSupplier(ctx, links, company);
    const cursor = cursorOf(company);
    if (!scoped && cursor) await ctx.advanceCursor(cursor);
  }
};

async function sendSupplier(ctx: SliceContext, links: LinksDal, company: FinagoCompany): Promise<void> {
  const sourceId = String(company.Id);
  const stored = storableCompany(company);
  const hash = contentHash(stored);
  const link = await links.supplierLink(company.Id);
  if (link?.contentHash === hash && link.sentHash === hash) {
    await ctx.record({ entity: "supplier", sourceId, action: "unchanged" });
    return;
  }
  if (!ctx.run.dryRun) await links.saveSupplierLink({ finagoCompanyId: company.Id, supplierInfo: stored, contentHash: hash });
  const linked = await links.articleLinksBySupplier(company.Id);
  // The links say which products named this supplier when last sent; Finago says which still do.
  const products = linked.length
    ? (await ctx.finago.getProductsByIds(linked.map((a) => a.finagoProductId), extraPropertiesFor(ctx.integration.settings).product))
        .filter((p) => p.SupplierId === company.Id)
    : [];
  if (products.length === 0) {
    await ctx.record({ entity: "supplier", sourceId, action: "skipped", message: "no article names this supplier yet; it is sent with its first article" });
    return;
  }
  const sentOn: string[] = [];
  for (const product of products) {
    const number = await writeArticle(ctx, links, product, stored);
    if (number) sentOn.push(number);
  }
  if (sentOn.length < products.length) {
    // Some articles still carry the old supplier: the supplier is not sent until all of them are.
    if (!ctx.run.dryRun) await links.markSupplierSent(company.Id, "");
    await ctx.record({
      entity: "supplier", sourceId, targetId: sourceId, action: "failed", errorClass: "record",
      message: `sent on ${sentOn.length} of ${products.length} articles; the failed article writes are in this run's items`,
      detail: { articles: sentOn },
    });
    return;
  }
  await ctx.record({
    entity: "supplier",
    sourceId,
    targetId: sourceId,
    action: ctx.run.dryRun ? "planned" : link?.sentHash ? "updated" : "created",
    detail: { articles: sentOn },
  });
}
