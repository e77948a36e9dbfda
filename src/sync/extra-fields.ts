// The documented list of extra field mappings an operator may add beyond the product
// description's tables. Each source is a Finago field (by WSDL name), each target an
// Ongoing REST field. Anything not listed here is refused when settings are saved.

export const EXTRA_FIELD_CATALOGUE = {
  article: {
    sources: {
      "Product.Price": "Sales price (decimal)",
      "Product.InPrice": "Purchase price (decimal)",
      "Product.Cost": "Cost price (decimal)",
      "Product.SupplierProductCode": "The supplier's own article number (string)",
      "Product.ProductCode": "Free product code (string)",
      "Product.DescriptionLong": "Long description (string)",
    },
    targets: {
      "article.customerPrice": "Price to the customer (number)",
      "article.purchasePrice": "Purchase price (number)",
      "article.stockValuationPrice": "Stock valuation price (number)",
      "article.supplierInfo.supplierArticleNumber": "The supplier's article number (string)",
      "article.statisticsNumber": "Statistics / customs tariff number (string)",
      "article.countryOfOriginCode": "Country of origin (string)",
    },
  },
  order: {
    sources: {
      "InvoiceOrder.Currency.Symbol": "Order currency, e.g. NOK (string)",
      "InvoiceOrder.DeliveryAlternative": "Free-text delivery alternative (string)",
      "InvoiceOrder.OrderTotalIncVat": "Order total including VAT (decimal)",
    },
    targets: {
      "order.customsInfo.customsValueCurrencyCode": "Currency of the customs value (string)",
      "order.deliveryInstruction": "Instruction to the warehouse (string)",
      "order.freeText1": "Free text 1 (string)",
      "order.freeText2": "Free text 2 (string)",
      "order.customerPrice": "Order value to the customer (number)",
    },
  },
  orderLine: {
    sources: {
      "InvoiceRow.Price": "Unit price on the row (decimal)",
      "InvoiceRow.Name": "Row text (string)",
      "InvoiceOrder.Currency.Symbol": "Order currency, e.g. NOK (string)",
    },
    targets: {
      "orderLine.prices.linePrice": "Line price (number)",
      "orderLine.prices.customerLinePrice": "Line price to the customer (number)",
      "orderLine.prices.currencyCode": "Currency of the line prices (string)",
      "orderLine.comment": "Line comment (string)",
    },
  },
} as const;

export type ExtraFieldScope = keyof typeof EXTRA_FIELD_CATALOGUE;

export interface ExtraFieldMapping {
  /** A Finago field from the catalogue, e.g. "InvoiceRow.Price". */
  source: string;
  /** An Ongoing field from the catalogue, e.g. "orderLine.prices.linePrice". */
  target: string;
}

/** The scope a target belongs to, from its first path segment; undefined when it is not in the catalogue. */
export function scopeOfTarget(target: string): ExtraFieldScope | undefined {
  for (const scope of Object.keys(EXTRA_FIELD_CATALOGUE) as ExtraFieldScope[]) {
    if (target in EXTRA_FIELD_CATALOGUE[scope].targets) return scope;
  }
  return undefined;
}

/** Explains why a mapping is refused, or returns undefined when it is allowed. */
export function explainExtraFieldMappingProblem(mapping: ExtraFieldMapping): string | undefined {
  const scope = scopeOfTarget(mapping.target);
  if (!scope) return `unknown Ongoing field "${mapping.target}"`;
  const sources = EXTRA_FIELD_CATALOGUE[scope].sources as Record<string, string>;
  if (!(mapping.source in sources)) {
    return `unknown Finago field "${mapping.source}" for target "${mapping.target}" (allowed: ${Object.keys(sources).join(", ")})`;
  }
  return undefined;
}

/**
 * How a catalogue target is sent to Ongoing. Ongoing's schema types these members strictly, so a
 * Finago decimal going to a text field becomes a string and a numeric string going to a number
 * field becomes a number. Every catalogue target must have an entry (checked by the tests).
 */
export const EXTRA_FIELD_TARGET_TYPES: Record<string, "number" | "string"> = {
  "article.customerPrice": "number",
  "article.purchasePrice": "number",
  "article.stockValuationPrice": "number",
  "article.supplierInfo.supplierArticleNumber": "string",
  "article.statisticsNumber": "string",
  "article.countryOfOriginCode": "string",
  "order.customsInfo.customsValueCurrencyCode": "string",
  "order.deliveryInstruction": "string",
  "order.freeText1": "string",
  "order.freeText2": "string",
  "order.customerPrice": "number",
  "orderLine.prices.linePrice": "number",
  "orderLine.prices.customerLinePrice": "number",
  "orderLine.prices.currencyCode": "string",
  "orderLine.comment": "string",
};

const UNSAFE_PATH_SEGMENTS = new Set(["__proto__", "prototype", "constructor"]);

/**
 * Applies the operator's extra field mappings of one scope to a mapped Ongoing object.
 *
 * `sources` holds the Finago records by their WSDL type name, e.g. `{ InvoiceOrder: order,
 * InvoiceRow: row }`; a source such as "InvoiceOrder.Currency.Symbol" is read by walking that
 * path. The target path loses its scope prefix ("orderLine.prices.linePrice" sets
 * `prices.linePrice`) and nested objects are created or extended, never replaced.
 *
 * Values Finago does not carry (undefined, null, empty text) are skipped so Ongoing keeps what it
 * has, as with the table mappings; so is a value that cannot be made into the target's type (a
 * non-numeric text for a number field). Mappings outside the catalogue are ignored here; they are
 * refused when settings are saved.
 */
export function applyExtraFields<T extends object>(
  scope: ExtraFieldScope,
  target: T,
  sources: Readonly<Record<string, unknown>>,
  mappings: readonly ExtraFieldMapping[],
): T {
  for (const mapping of mappings) {
    if (scopeOfTarget(mapping.target) !== scope || explainExtraFieldMappingProblem(mapping)) continue;
    const value = coerceExtraFieldValue(readPath(sources, mapping.source), EXTRA_FIELD_TARGET_TYPES[mapping.target]);
    if (value === undefined) continue;
    writePath(target as Record<string, unknown>, mapping.target.split(".").slice(1), value);
  }
  return target;
}

function readPath(root: Readonly<Record<string, unknown>>, path: string): unknown {
  let current: unknown = root;
  for (const segment of path.split(".")) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function writePath(target: Record<string, unknown>, segments: string[], value: unknown): void {
  if (segments.length === 0 || segments.some((s) => UNSAFE_PATH_SEGMENTS.has(s))) return;
  let current = target;
  for (const segment of segments.slice(0, -1)) {
    const next = current[segment];
    if (next === null || typeof next !== "object" || Array.isArray(next)) current[segment] = {};
    current = current[segment] as Record<string, unknown>;
  }
  current[segments[segments.length - 1]] = value;
}

function coerceExtraFieldValue(value: unknown, type: "number" | "string" | undefined): number | string | undefined {
  if (type === "number") {
    if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
    if (typeof value === "string" && value.trim() !== "") {
      const parsed = Number(value.trim());
      return Number.isFinite(parsed) ? parsed : undefined;
    }
    return undefined;
  }
  if (type === "string") {
    if (typeof value === "string") return value.trim() === "" ? undefined : value;
    if (typeof value === "number") return Number.isFinite(value) ? String(value) : undefined;
    if (typeof value === "boolean") return String(value);
    return undefined;
  }
  return undefined;
}
