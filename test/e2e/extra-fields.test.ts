// Extra field mappings, over real HTTP against both sandboxes: an operator's mappings from the
// documented catalogue reach Ongoing on articles, orders and order lines; anything outside the
// catalogue is refused by the admin API with the field named.
import t from "tap";
import { startE2E } from "../helpers/e2e.js";

const MAPPINGS = [
  { source: "Product.Price", target: "article.customerPrice" },
  { source: "InvoiceRow.Price", target: "orderLine.prices.linePrice" },
  { source: "InvoiceOrder.Currency.Symbol", target: "orderLine.prices.currencyCode" },
  { source: "InvoiceOrder.Currency.Symbol", target: "order.customsInfo.customsValueCurrencyCode" },
];

const order = (OrderId: number, price: number) => ({
  OrderId, CustomerId: 500, OrderStatus: "Confirmed", CustomerName: "Kunde AB",
  Currency: { Symbol: "SEK" },
  Addresses: { Delivery: { Street: "Storgatan 1", PostalCode: "11122", PostalArea: "STOCKHOLM", Country: "SE" } },
  InvoiceRows: [{ RowId: 1, ProductId: 10, Quantity: 2, Price: price, Type: "Normal" }],
});

t.test("extra field mappings", async (t) => {
  const e2e = await startE2E({ config: { LOG_LEVEL: "error" }, webhooks: false });
  t.teardown(() => e2e.close());
  await e2e.finago.seedCompanies([{ Id: 500, Name: "Kunde AB", Type: "Business" }]);
  await e2e.finago.seedProducts([{ Id: 10, No: "SKU-10", Name: "Widget", Price: 149.5 }]);
  await e2e.finago.seedOrders([order(9001, 120)]);
  // Read loosely: the wire types leave these members open.
  const byOrderNumber = async (n: string): Promise<any> => (await e2e.ongoing.orders(1)).find((o) => o.orderInfo.orderNumber === n);
  const article = async () => (await e2e.ongoing.articles(1)).find((a) => a.articleNumber === "SKU-10");

  await t.test("without mappings none of these fields travel", async (t) => {
    t.equal((await e2e.sync("articles")).status, "succeeded");
    t.equal((await e2e.sync("orders")).status, "succeeded");
    t.equal((await article())?.customerPrice, null);
    const o = await byOrderNumber("9001");
    t.equal(o?.customsInfo, null);
    t.equal(o?.orderLines[0]?.prices, null);
  });

  await t.test("mappings from the catalogue arrive in Ongoing", async (t) => {
    await e2e.updateSettings({ extraFieldMappings: MAPPINGS });
    const stored = await e2e.bridge.call("GET", `/api/integrations/${e2e.integrationId}`);
    t.same(stored.body.settings.extraFieldMappings, MAPPINGS, "the admin API keeps the mappings");

    const articles = await e2e.sync("articles", { fullResync: true });
    t.equal(articles.items[0]?.action, "updated", JSON.stringify(articles));
    t.equal((await article())?.customerPrice, 149.5, "Product.Price → article.customerPrice");

    await e2e.finago.seedOrders([order(9002, 99.9)]);
    const orders = await e2e.sync("orders", { fullResync: true });
    t.equal(orders.status, "succeeded", JSON.stringify(orders));
    const fresh = await byOrderNumber("9002");
    t.equal(fresh?.orderLines[0]?.prices?.linePrice, 99.9, "InvoiceRow.Price → orderLine.prices.linePrice");
    t.equal(fresh?.orderLines[0]?.prices?.currencyCode, "SEK", "InvoiceOrder.Currency.Symbol → orderLine.prices.currencyCode");
    t.equal(fresh?.customsInfo?.customsValueCurrencyCode, "SEK", "InvoiceOrder.Currency.Symbol → order.customsInfo.customsValueCurrencyCode");
    const earlier = await byOrderNumber("9001");
    t.equal(earlier?.orderLines[0]?.prices?.linePrice, 120, "an order sent before the mapping gets it on its next update");
    t.equal(earlier?.customsInfo?.customsValueCurrencyCode, "SEK");
  });

  await t.test("mappings outside the catalogue are refused, naming the field", async (t) => {
    const refusals = [
      [{ source: "Product.Colour", target: "article.customerPrice" }, /unknown Finago field "Product.Colour"/],
      [{ source: "Product.Price", target: "article.discount" }, /unknown Ongoing field "article.discount"/],
      [{ source: "Product.Price", target: "orderLine.prices.linePrice" }, /unknown Finago field "Product.Price" for target "orderLine.prices.linePrice" \(allowed: InvoiceRow.Price/],
    ] as const;
    for (const [mapping, reason] of refusals) {
      const res = await e2e.bridge.call("PATCH", `/api/integrations/${e2e.integrationId}`, {
        body: { settings: { extraFieldMappings: [...MAPPINGS, mapping] } },
      });
      t.equal(res.status, 400, `${mapping.source} → ${mapping.target} refused`);
      t.equal(res.body.field, `settings.extraFieldMappings/${MAPPINGS.length}`, "the error names the mapping");
      t.match(res.body.message, reason, "and the field it does not know");
    }
    const stored = await e2e.bridge.call("GET", `/api/integrations/${e2e.integrationId}`);
    t.same(stored.body.settings.extraFieldMappings, MAPPINGS, "the stored mappings are unchanged");
  });
});
