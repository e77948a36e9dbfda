// An order changed in Finago after its import: updated in Ongoing while the warehouse has not
// started on it, refused (and recorded with the reason) once it has.
import t from "tap";
import { GOODS_OWNER_ID, startE2E } from "../helpers/e2e.js";

t.test("changes to an imported order", async (t) => {
  const e2e = await startE2E({ config: { LOG_LEVEL: "error" }, webhooks: false });
  t.teardown(() => e2e.close());
  await e2e.finago.seedCompanies([{ Id: 500, Name: "Kunde AS", Type: "Business" }]);
  await e2e.finago.seedProducts([{ Id: 10, No: "SKU-10", Name: "Widget" }, { Id: 11, No: "SKU-11", Name: "Gadget" }]);
  const order = (title: string, rows: Array<Record<string, unknown>>) => ({
    OrderId: 9300, CustomerId: 500, OrderStatus: "Confirmed", CustomerName: "Kunde AS", InvoiceTitle: title,
    CustomerDeliveryPhone: "+4799999999", InvoiceEmailAddress: "post@kunde.no",
    Addresses: { Delivery: { Street: "Gate 1", PostalCode: "0150", PostalArea: "OSLO", Country: "NO" } },
    InvoiceRows: rows,
  });
  const ongoingOrders = () => e2e.ongoing.orders(GOODS_OWNER_ID);
  const itemsOf = (run: any) => (run.items as any[]).filter((i) => i.entity === "order" && i.sourceId === "9300");

  await e2e.finago.seedOrders([order("First version", [{ RowId: 1, ProductId: 10, Quantity: 1 }])]);
  const created = await e2e.sync("orders");
  t.same(itemsOf(created).map((i) => i.action), ["created"]);
  const [imported] = await ongoingOrders();
  const ongoingOrderId = imported!.orderInfo.orderId;

  await t.test("before the warehouse starts, a change in Finago updates the Ongoing order", async (t) => {
    await e2e.finago.seedOrders([order("Second version", [{ RowId: 1, ProductId: 10, Quantity: 3 }, { RowId: 2, ProductId: 11, Quantity: 1 }])]);
    const run = await e2e.sync("orders");
    t.equal(run.status, "succeeded", JSON.stringify(run.items));
    const [item] = itemsOf(run);
    t.equal(item?.action, "updated");
    t.equal(item?.targetId, String(ongoingOrderId));
    const all = await ongoingOrders();
    t.equal(all.length, 1, "the same Ongoing order, not a second one");
    t.equal(all[0]!.orderInfo.orderId, ongoingOrderId);
    t.equal((all[0]!.orderInfo as any).orderRemark, "Second version", "the new title");
    t.same(all[0]!.orderLines?.map((l) => [l.rowNumber, l.article.articleNumber, l.orderedNumberOfItems]), [["1", "SKU-10", 3], ["2", "SKU-11", 1]], "the new lines");
  });

  await t.test("after the warehouse has started (status 300), a change is refused with the reason", async (t) => {
    const released = await e2e.ongoing.release(ongoingOrderId);
    t.equal(released.orderInfo.orderStatus.number, 300);
    await e2e.ongoing.resetRequestCounts();
    await e2e.finago.seedOrders([order("Third version", [{ RowId: 1, ProductId: 10, Quantity: 9 }])]);
    const run = await e2e.sync("orders");
    t.equal(run.status, "partial", "a refused item makes the run partial");
    t.equal(run.counts.refused, 1);

    const fetched = await e2e.bridge.call("GET", `/api/runs/${run.id}`);
    t.equal(fetched.status, 200);
    const [item] = itemsOf(fetched.body);
    t.equal(item?.action, "refused", "the ledger records the change as refused");
    t.equal(item?.errorClass, "conflict");
    t.equal(item?.targetId, String(ongoingOrderId));
    t.match(item?.message, /warehouse has started/, "with the reason");
    t.match(item?.message, /status 300/, "naming the Ongoing status");
    t.equal((await e2e.ongoing.requests()).byRoute["PUT /orders"] ?? 0, 0, "the change is not sent to Ongoing");

    const [kept] = await ongoingOrders();
    t.equal((kept!.orderInfo as any).orderRemark, "Second version", "Ongoing keeps the old title");
    t.same(kept!.orderLines?.map((l) => [l.rowNumber, l.orderedNumberOfItems]), [["1", 3], ["2", 1]], "and the old lines");
    t.equal(kept!.orderInfo.orderStatus.number, 300);

    const listed = await e2e.runs("process=orders&outcome=partial");
    t.ok(listed.some((r) => r.id === run.id), "the run is listed among the partial ones");
  });

  await t.test("the refused change is not retried as a failure on later runs", async (t) => {
    const run = await e2e.sync("orders");
    t.equal(run.status, "succeeded");
    t.same(itemsOf(run).map((i) => i.action), ["unchanged"], "recorded once; the same content is not refused again");
    const deadLetters = await e2e.bridge.call("GET", `/api/dead-letters?integrationId=${e2e.integrationId}`);
    t.same(deadLetters.body, [], "nothing dead-lettered");
  });
});
