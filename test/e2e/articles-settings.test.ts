// The article process switch end to end, on (the default) and off: what the cron tick enqueues,
// what the order process does without it, and that an operator's run of it is refused.
// Variants and extra field mappings have their own files (variants.test.ts, extra-fields.test.ts).
import t from "tap";
import { GOODS_OWNER_ID, startE2E, type E2E } from "../helpers/e2e.js";

const tick = (e2e: E2E) => e2e.tickAndWait();

const article = async (e2e: E2E, articleNumber: string) =>
  (await e2e.ongoing.articles(GOODS_OWNER_ID)).find((a) => a.articleNumber === articleNumber);

t.test("processes.articles: off is not enqueued by the cron tick, on (the default) is", async (t) => {
  const e2e = await startE2E({ config: { LOG_LEVEL: "error" }, webhooks: false, settings: { processes: { articles: false } } });
  t.teardown(() => e2e.close());
  await e2e.finago.seedCompanies([{ Id: 500, Name: "Kunde AS", Type: "Business" }]);
  await e2e.finago.seedProducts([{ Id: 20, No: "SKU-20", Name: "Bolt" }]);
  await e2e.finago.seedOrders([{
    OrderId: 9100, CustomerId: 500, OrderStatus: "Confirmed", CustomerName: "Kunde AS", CustomerDeliveryPhone: "+4799999999", InvoiceEmailAddress: "post@kunde.no",
    Addresses: { Delivery: { Street: "Gate 1", PostalCode: "0150", PostalArea: "OSLO", Country: "NO" } },
    InvoiceRows: [{ RowId: 1, ProductId: 20, Quantity: 3 }],
  }]);

  const off = await tick(e2e);
  const offProcesses = off.map((r) => r.process).sort();
  t.notOk(offProcesses.includes("articles"), "the switched-off article process is not enqueued");
  t.ok(offProcesses.includes("orders"), "the order process (on) is");
  t.equal((await e2e.ongoing.requests()).byRoute["PUT /articles"] ?? 0, 0, "no article written to Ongoing");
  t.same(await e2e.ongoing.articles(GOODS_OWNER_ID), [], "Ongoing has no articles");

  // Without the article process the order process does not write the articles its lines need
  // either: the line names the product's article number, which Ongoing does not know yet.
  const ordersRun = await e2e.waitForRun(off.find((r) => r.process === "orders")!.runId);
  const [failed] = ordersRun.items.filter((i: any) => i.sourceId === "9100");
  t.equal(failed?.action, "failed", "the order waits for its article");
  t.match(failed?.message, /SKU-20/, "the reason names the missing article");
  t.same(await e2e.ongoing.orders(GOODS_OWNER_ID), [], "no order in Ongoing");

  await e2e.updateSettings({ processes: { articles: true } });
  const on = await tick(e2e);
  t.same(on.map((r) => r.process), ["articles"], "switched on, the article process is enqueued (the others' interval is already claimed)");
  t.equal((await article(e2e, "SKU-20"))?.articleName, "Bolt", "and its run writes the article");

  const retried = await e2e.sync("orders");
  t.same(retried.items.filter((i: any) => i.sourceId === "9100").map((i: any) => i.action), ["created"], "the order is retried and created");
  t.equal((await e2e.ongoing.orders(GOODS_OWNER_ID))[0]?.orderLines?.[0]?.article.articleNumber, "SKU-20");
});

t.test("an operator's run of a switched-off process is refused and writes nothing", async (t) => {
  const e2e = await startE2E({ config: { LOG_LEVEL: "error" }, webhooks: false, settings: { processes: { articles: false } } });
  t.teardown(() => e2e.close());
  await e2e.finago.seedProducts([{ Id: 40, No: "SKU-40", Name: "Nut" }]);
  const refused = await e2e.bridge.call("POST", `/api/integrations/${e2e.integrationId}/sync/articles`, { body: {} });
  t.equal(refused.status, 409);
  t.equal(refused.body.field, "settings.processes.articles", "names the switch");
  t.same(await e2e.runs(), [], "no run was queued");
  t.equal(await article(e2e, "SKU-40"), undefined, "nothing reached Ongoing");

  await e2e.updateSettings({ processes: { articles: true } });
  const run = await e2e.sync("articles");
  t.equal(run.trigger, "operator");
  t.equal(run.status, "succeeded");
  t.equal((await article(e2e, "SKU-40"))?.articleName, "Nut", "switched on, the operator's run writes");
});
