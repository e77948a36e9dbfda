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
