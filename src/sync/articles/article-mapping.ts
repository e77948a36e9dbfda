// Article registry, Finago → Ongoing: the product description's article table, in Ongoing REST
// names (Ongoing NOTES.md §4.4), plus the supplier, variant and extra field settings.
import type { FinagoCompany, FinagoProduct } from "../../finago/finago-types.js";
import type { PostArticleModel } from "../../ongoing/ongoing-types.js";
import type { IntegrationSettings } from "../../integrations/integration-settings.js";
import { applyExtraFields } from "../extra-fields.js";
import { mapSupplierToSupplierInfo } from "../suppliers/supplier-mapping.js";
import { dropAbsent, presentText } from "../mapping-fns.js";

export interface ArticleMappingContext {
  goodsOwnerId: number;
  settings: Pick<IntegrationSettings, "articleVariants" | "extraFieldMappings">;
  /** The Finago company the product names as its supplier (Product.SupplierId), when known. */
  supplier?: FinagoCompany;
}

export type ArticleMappingResult = { ok: true; article: PostArticleModel } | { ok: false; reason: string };

/**
 * The Ongoing article number of a product: its Finago product number. Order lines point at
 * articles by this number, so whoever resolves an order's products must use this too.
 */
export function articleNumberOfProduct(product: Pick<FinagoProduct, "No">): string | undefined {
  return presentText(product.No);
}

/**
 * | ArticleDefinition ⇒ ProductCode        | Product ⇒ Id          |
 * | ArticleDefinition ⇒ ArticleNumber      | Product ⇒ No          |
 * | ArticleDefinition ⇒ ArticleName        | Product ⇒ Name        |
 * | ArticleDefinition ⇒ ArticleDescription | Product ⇒ Description |
 * | ArticleDefinition ⇒ BarCode            | Product ⇒ EAN1        |
 * | ArticleDefinition ⇒ Weight             | Product ⇒ Weight      |
 *
 * PUT /articles is an upsert keyed by articleNumber in which a member left out keeps its value in
 * Ongoing, so values Finago does not carry are left out instead of being sent empty.
 */
export function mapProductToArticle(product: FinagoProduct, ctx: ArticleMappingContext): ArticleMappingResult {
  if (!Number.isSafeInteger(product.Id)) {
    return { ok: false, reason: `Finago product has no valid Id (${JSON.stringify(product.Id)})` };
  }
  const articleNumber = articleNumberOfProduct(product);
  if (!articleNumber) {
    return { ok: false, reason: `Finago product ${product.Id} has no product number (No), which Ongoing needs as article number` };
  }

  const article: PostArticleModel = dropAbsent({
    goodsOwnerId: ctx.goodsOwnerId,
    articleNumber,
    productCode: String(product.Id),
    articleName: presentText(product.Name),
    description: presentText(product.Description),
    barCodeInfo: presentText(product.EAN1) ? { barCode: presentText(product.EAN1) } : undefined,
    weight: typeof product.Weight === "number" && Number.isFinite(product.Weight) ? product.Weight : undefined,
  });

  // A company of another type (a customer, say) named on a product is not a supplier to Ongoing.
  if (ctx.supplier && (ctx.supplier.Type === undefined || ctx.supplier.Type === "Supplier")) {
    article.supplierInfo = mapSupplierToSupplierInfo(ctx.supplier);
  }

  const variant = matchVariant(articleNumber, ctx.settings.articleVariants);
  if (variant.kind === "invalid-pattern") return { ok: false, reason: variant.reason };
  if (variant.kind === "variant") {
    // Ongoing's REST article has no "variant of" link. Its article group is the code/name pair
    // Ongoing lists, filters and reports articles by, so each variant carries its base there and
    // the variants of one article show up together; colour and size go in their own members.
    article.articleGroup = { code: variant.base, name: variant.base };
    if (variant.color) article.articleColor = { code: variant.color };
    if (variant.size) article.articleSize = { code: variant.size };
  }

  applyExtraFields("article", article, { Product: product }, ctx.settings.extraFieldMappings);
  return { ok: true, article };
}

type VariantMatch =
  | { kind: "plain" }
  | { kind: "variant"; base: string; color?: string; size?: string }
  | { kind: "invalid-pattern"; reason: string };

function matchVariant(articleNumber: string, variants: IntegrationSettings["articleVariants"]): VariantMatch {
  if (!variants.enabled || !variants.pattern) return { kind: "plain" };
  let regex: RegExp;
  try {
    regex = new RegExp(variants.pattern);
  } catch (err) {
    return { kind: "invalid-pattern", reason: `article variant pattern is not a valid regular expression: ${(err as Error).message}` };
  }
  const groups = regex.exec(articleNumber)?.groups;
  const base = presentText(groups?.base);
  const color = presentText(groups?.color);
  const size = presentText(groups?.size);
  // A number that does not yield a base and at least a colour or a size is an ordinary article.
  if (!base || (!color && !size)) return { kind: "plain" };
  return { kind: "variant", base, color, size };
}
