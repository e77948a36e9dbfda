// The order process's settings end to end, each at its default and at another value: the process
// switch (what the cron tick enqueues), the import states, the status on import and the default
// delivery date.
import t from "tap";
import { GOODS_OWNER_ID, startE2E, type E2E } from "../helpers/e2e.js";

const DAY_MS = 24 * 60 * 60 * 1000;

const tick = (e2e: E2E) => e2e.tickAndWait();

function financeOrder(orderId: number, status: string, extra: Record<string, unknown> = {}) {
  return {
    OrderId: orderId, CustomerId: 500, OrderStatus: status, CustomerName: "Kunde AS",
    CustomerDeliveryPhone: "+4799999999", InvoiceEmailAddress: "post@kunde.no",
    Addresses: { Delivery: { Street: "Gate 1", PostalCode: "0150", PostalArea: "OSLO", Country: "NO" } },
    InvoiceRows: [{ RowId: 1, ProductId: 10, Quantity: 1 }],
    ...extra,
  };
}

async function seedBasics(e2e: E2E) {
  await e2e.finago.seedCompanies([{ Id: 500, Name: "Kunde AS", Type: "Business" }]);
  await e2e.finago.seedProducts([{ Id: 10, No: "SKU-10", Name: "Widget" }]);
}

const orderNumbers = async (e2e: E2E) => (await e2e.ongoing.orders(GOODS_OWNER_ID)).map((o) => o.orderInfo.orderNumber).sort();

t.test("processes.orders: off is not enqueued by the cron tick, on (the default) is", async (t) => {
  const e2e = await startE2E({ config: { LOG_LEVEL: "error" }, webhooks: false, settings: { processes: { orders: false } } });
  t.teardown(() => e2e.close());
  await seedBasics(e2e);
  await e2e.finago.seedOrders([financeOrder(9400, "Confirmed")]);

  const off = await tick(e2e);
  t.notOk(off.some((r) => r.process === "orders"), "the switched-off order process is not enqueued");
  t.ok(off.some((r) => r.process === "articles"), "the article process (on) is");
  t.same(await orderNumbers(e2e), [], "no order reaches Ongoing");
  t.equal((await e2e.ongoing.requests()).byRoute["PUT /orders"] ?? 0, 0, "no PUT /orders");

  await e2e.updateSettings({ processes: { orders: true } });
  const on = await tick(e2e);
  t.same(on.map((r) => r.process), ["orders"], "switched on, the order process is enqueued");
  t.same(await orderNumbers(e2e), ["9400"], "and its run imports the order");
  const run = await e2e.waitForRun(on[0]!.runId);
  t.equal(run.trigger, "cron");
});

t.test("import states: Confirmed by default, another list when configured", async (t) => {
  const e2e = await startE2E({ config: { LOG_LEVEL: "error" }, webhooks: false });
  t.teardown(() => e2e.close());
  await seedBasics(e2e);
  await e2e.finago.seedOrders([financeOrder(9410, "Confirmed"), financeOrder(9411, "Pack"), financeOrder(9412, "Web")]);

  const byDefault = await e2e.sync("orders");
  t.equal(byDefault.status, "succeeded");
  t.same(await orderNumbers(e2e), ["9410"], "default [\"Confirmed\"]: the confirmed order only");

  await e2e.updateSettings({ importOrderStates: ["Pack"] });
  await e2e.finago.seedOrders([financeOrder(9413, "Confirmed")]);
  const pack = await e2e.sync("orders", { fullResync: true });
  t.equal(pack.status, "succeeded", JSON.stringify(pack.items));
  t.same(await orderNumbers(e2e), ["9410", "9411"], "[\"Pack\"]: the Pack order is imported, the new Confirmed one is not");
  t.notOk(pack.items.some((i: any) => i.sourceId === "9413" && i.action === "created"));
  t.notOk(pack.items.some((i: any) => i.sourceId === "9412"), "a Web order is never read");

  await e2e.updateSettings({ importOrderStates: ["Confirmed", "Web"] });
  await e2e.sync("orders", { fullResync: true });
  t.same(await orderNumbers(e2e), ["9410", "9411", "9412", "9413"], "[\"Confirmed\", \"Web\"]: both states, each order once");
});

t.test("status on import: off by default, the configured status once the order is in Ongoing", async (t) => {
  const e2e = await startE2E({ config: { LOG_LEVEL: "error" }, webhooks: false });
  t.teardown(() => e2e.close());
  await seedBasics(e2e);
  await e2e.finago.seedOrders([financeOrder(9420, "Confirmed")]);
  const statusOf = async (orderId: number) => (await e2e.finago.order(orderId))?.OrderStatus;

  await t.test("off (the default): the Finago order stays Confirmed", async (t) => {
    const run = await e2e.sync("orders");
    t.same(run.items.filter((i: any) => i.sourceId === "9420").map((i: any) => [i.entity, i.action]), [["order", "created"]], "no status item");
    t.same(await orderNumbers(e2e), ["9420"]);
    t.equal(await statusOf(9420), "Confirmed");
    t.equal((await e2e.finago.calls()).byOperation.SaveInvoices ?? 0, 0, "no SaveInvoices call");
  });

  await t.test("on with importStatus Pack: the Finago order becomes Pack once it exists in Ongoing", async (t) => {
    await e2e.updateSettings({ processes: { statusOnImport: true }, importStatus: "Pack" });
    await e2e.finago.seedOrders([financeOrder(9421, "Confirmed")]);
    const run = await e2e.sync("orders");
    t.equal(run.status, "succeeded", JSON.stringify(run.items));
    const items = run.items.filter((i: any) => i.sourceId === "9421").map((i: any) => [i.entity, i.action]);
    t.same(items, [["order", "created"], ["order-status", "updated"]], "created, then its Finago status set");
    const [ongoingOrder] = (await e2e.ongoing.orders(GOODS_OWNER_ID)).filter((o) => o.orderInfo.orderNumber === "9421");
    t.ok(ongoingOrder, "the order is in Ongoing");
    t.equal(await statusOf(9421), "Pack", "the Finago order is Pack");

    // The order imported while the setting was off is in Ongoing too, so it gets the status as well.
    t.same(run.items.filter((i: any) => i.sourceId === "9420").map((i: any) => [i.entity, i.action]), [["order", "unchanged"], ["order-status", "updated"]]);
    t.equal(await statusOf(9420), "Pack");

    const again = await e2e.sync("orders", { fullResync: true });
    t.notOk(again.items.some((i: any) => i.entity === "order-status"), "the status is set once");
    t.equal((await e2e.ongoing.orders(GOODS_OWNER_ID)).length, 2, "and no order is imported twice");
  });

  await t.test("a status Finago refuses is a failed item, retried on a later run; the order stays imported", async (t) => {
    // A fault on every SaveInvoices call: one order's status must not hold up the orders after it.
    await e2e.finago.injectFault({ operation: "SaveInvoices", kind: "fault", faultstring: "Order is locked", count: 50 });
    await e2e.finago.seedOrders([financeOrder(9422, "Confirmed")]);
    await e2e.finago.seedOrders([financeOrder(9423, "Confirmed")]);
    const run = await e2e.sync("orders");
    await e2e.finago.clearFaults();
    t.equal(run.status, "partial", JSON.stringify({ error: run.error, counts: run.counts }));
    for (const orderId of ["9422", "9423"]) {
      const items = run.items.filter((i: any) => i.sourceId === orderId);
      t.same(items.map((i: any) => [i.entity, i.action]), [["order", "created"], ["order-status", "failed"]], `${orderId}: imported, its status refused`);
      t.match(items[1]?.message, /Order is locked/, `${orderId}: with Finago's reason`);
      t.equal(await statusOf(Number(orderId)), "Confirmed");
    }
    t.same(await orderNumbers(e2e), ["9420", "9421", "9422", "9423"]);

    const retried = await e2e.sync("orders");
    t.equal(retried.status, "succeeded", JSON.stringify(retried.items));
    for (const orderId of [9422, 9423]) {
      t.same(retried.items.filter((i: any) => i.sourceId === String(orderId)).map((i: any) => [i.entity, i.action]), [["order", "unchanged"], ["order-status", "updated"]]);
      t.equal(await statusOf(orderId), "Pack", `${orderId} is Pack on the next run`);
    }
    t.equal((await e2e.ongoing.orders(GOODS_OWNER_ID)).length, 4, "no order imported twice");
  });
});

t.test("defaultDeliveryDays: an order without a delivery date is due that many days after its import", async (t) => {
  const e2e = await startE2E({ config: { LOG_LEVEL: "error" }, webhooks: false, settings: { defaultDeliveryDays: 3 } });
  t.teardown(() => e2e.close());
  await seedBasics(e2e);
  await e2e.finago.seedOrders([financeOrder(9430, "Confirmed"), financeOrder(9431, "Confirmed", { DeliveryDate: "2031-01-15T00:00:00Z" })]);
  const run = await e2e.sync("orders");
  t.equal(run.status, "succeeded");
  const orders = await e2e.ongoing.orders(GOODS_OWNER_ID);
  const due = (n: string) => orders.find((o) => o.orderInfo.orderNumber === n)?.orderInfo.deliveryDate;
  t.equal(due("9430"), new Date(new Date(run.startedAt).getTime() + 3 * DAY_MS).toISOString().slice(0, 10), "import day + 3");
  t.equal(due("9431"), "2031-01-15", "a Finago delivery date is kept");
});
