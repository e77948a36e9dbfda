import t from "tap";
import {
  EXTRA_FIELD_CATALOGUE, EXTRA_FIELD_TARGET_TYPES, applyExtraFields, type ExtraFieldScope,
} from "../../src/sync/extra-fields.js";

t.test("every catalogue target has a type, matching its documentation", async (t) => {
  for (const scope of Object.keys(EXTRA_FIELD_CATALOGUE) as ExtraFieldScope[]) {
    for (const [target, doc] of Object.entries(EXTRA_FIELD_CATALOGUE[scope].targets)) {
      t.equal(EXTRA_FIELD_TARGET_TYPES[target], /\(number\)$/.test(doc) ? "number" : "string", target);
    }
  }
  const documented = Object.values(EXTRA_FIELD_CATALOGUE).flatMap((s) => Object.keys(s.targets)).sort();
  t.strictSame(Object.keys(EXTRA_FIELD_TARGET_TYPES).sort(), documented, "and no type for an undocumented target");
});

t.test("sets nested target paths without the scope prefix", async (t) => {
  const line: Record<string, unknown> = { rowNumber: "1" };
  applyExtraFields("orderLine", line, { InvoiceRow: { Price: 12.5 }, InvoiceOrder: { Currency: { Symbol: "SEK" } } }, [
    { source: "InvoiceRow.Price", target: "orderLine.prices.linePrice" },
    { source: "InvoiceOrder.Currency.Symbol", target: "orderLine.prices.currencyCode" },
  ]);
  t.strictSame(line, { rowNumber: "1", prices: { linePrice: 12.5, currencyCode: "SEK" } });
});

t.test("extends existing nested objects instead of replacing them", async (t) => {
  const article = { articleNumber: "A", supplierInfo: { supplierNumber: "88" } };
  applyExtraFields("article", article, { Product: { SupplierProductCode: "S-1" } }, [
    { source: "Product.SupplierProductCode", target: "article.supplierInfo.supplierArticleNumber" },
  ]);
  t.strictSame(article, { articleNumber: "A", supplierInfo: { supplierNumber: "88", supplierArticleNumber: "S-1" } });
});

t.test("values are typed by the catalogue", async (t) => {
  const article: Record<string, unknown> = {};
  applyExtraFields("article", article, { Product: { Price: 100, ProductCode: "12.50", Cost: 7 } }, [
    { source: "Product.Price", target: "article.statisticsNumber" },
    { source: "Product.ProductCode", target: "article.purchasePrice" },
    { source: "Product.Cost", target: "article.stockValuationPrice" },
  ]);
  t.strictSame(article, { statisticsNumber: "100", purchasePrice: 12.5, stockValuationPrice: 7 }, "numbers stay numbers, strings strings");
});

t.test("what Finago does not carry is skipped", async (t) => {
  const order: Record<string, unknown> = {};
  applyExtraFields("order", order, { InvoiceOrder: { DeliveryAlternative: "", OrderTotalIncVat: undefined } }, [
    { source: "InvoiceOrder.Currency.Symbol", target: "order.customsInfo.customsValueCurrencyCode" },
    { source: "InvoiceOrder.DeliveryAlternative", target: "order.deliveryInstruction" },
    { source: "InvoiceOrder.OrderTotalIncVat", target: "order.customerPrice" },
  ]);
  t.strictSame(order, {}, "undefined, empty text and a missing parent leave the target alone");

  const article: Record<string, unknown> = {};
  applyExtraFields("article", article, { Product: { ProductCode: "n/a", InPrice: null } }, [
    { source: "Product.ProductCode", target: "article.purchasePrice" },
    { source: "Product.InPrice", target: "article.customerPrice" },
  ]);
  t.strictSame(article, {}, "non-numeric text for a number field, and null, are skipped");
});

t.test("only the scope asked for, and only catalogue mappings", async (t) => {
  const line: Record<string, unknown> = {};
  applyExtraFields("orderLine", line, { InvoiceRow: { Price: 1 }, Product: { Price: 2 } }, [
    { source: "Product.Price", target: "article.customerPrice" },
    { source: "Product.Price", target: "orderLine.prices.linePrice" },
    { source: "InvoiceRow.Price", target: "orderLine.__proto__.polluted" },
    { source: "InvoiceRow.Price", target: "orderLine.notInCatalogue" },
  ]);
  t.strictSame(line, {});
  t.equal(({} as Record<string, unknown>).polluted, undefined, "no prototype pollution");
});

t.test("returns the target it was given", async (t) => {
  const target = { a: 1 };
  t.equal(applyExtraFields("order", target, {}, []), target);
});
