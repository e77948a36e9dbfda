// Supplier registry, Finago → Ongoing. Ongoing has no supplier endpoint: a supplier travels as
// supplierInfo on the articles whose Finago product names it. A changed supplier is re-sent on
// those articles; one with no article yet waits and goes with its first article.
import { contentHash } from "../content-hash.js";
import { storableCompany, writeArticle } from "../articles/article-slice.js";
import { extraPropertiesFor } from "../extra-properties.js";
import { createLinksDal } from "../links-dal.js";
import { deltaStart, scopeOf, type Slice } from "../slice-types.js";

export const syncSuppliers: Slice = async (ctx) => {
  const links = createLinksDal(ctx.db, ctx.integration.id);
  const scoped = scopeOf(ctx.run).sourceIds;
  const companies = scoped
    ? await ctx.finago.getCompaniesByIds(scoped.map(Number))
    : await ctx.finago.getCompaniesChangedSince(deltaStart(ctx));
  companies.sort((a, b) => (a.DateChanged?.getTime() ?? 0) - (b.DateChanged?.getTime() ?? 0));
  const extra = extraPropertiesFor(ctx.integration.settings).product;

  for (const company of companies) {
    if (company.Type === "Supplier") {
      const sourceId = String(company.Id);
      const stored = storableCompany(company);
      const hash = contentHash(stored);
      const link = await links.supplierLink(company.Id);
      const articleLinks = await links.articleLinksBySupplier(company.Id);
      if (link?.contentHash === hash && link.sentHash === hash) {
        await ctx.record({ entity: "supplier", sourceId, action: "unchanged" });
      } else if (articleLinks.length === 0) {
        if (!ctx.run.dryRun) await links.saveSupplierLink({ finagoCompanyId: company.Id, supplierInfo: stored, contentHash: hash });
        await ctx.record({ entity: "supplier", sourceId, action: "skipped", message: "no article names this supplier yet; it is sent with its first article" });
      } else {
        if (!ctx.run.dryRun) await links.saveSupplierLink({ finagoCompanyId: company.Id, supplierInfo: stored, contentHash: hash });
        const products = await ctx.finago.getProductsByIds(articleLinks.map((a) => a.finagoProductId), extra);
        const sentOn: string[] = [];
        for (const product of products) {
          const number = await writeArticle(ctx, links, product, stored);
          if (number) sentOn.push(number);
        }
        await ctx.record({
          entity: "supplier",
          sourceId,
          targetId: sourceId,
          action: ctx.run.dryRun ? "planned" : link?.sentHash ? "updated" : "created",
          detail: { articles: sentOn },
        });
      }
    }
    if (!scoped && company.DateChanged) await ctx.advanceCursor(company.DateChanged);
  }
};
