import t from "tap";
import { eventually, startE2E } from "../helpers/e2e.js";

t.test("a product and a confirmed order reach Ongoing, and the shipment returns to Finago", async (t) => {
  const e2e = await startE2E({ config: { LOG_LEVEL: "error" } });
  t.teardown(() => e2e.close());
  await e2e.finago.seedCompanies([{ Id: 500, Name: "Kunde AS", Type: "Business" }]);
  await e2e.finago.seedProducts([{ Id: 10, No: "SKU-10", Name: "Widget", EAN1: "7070000000010", Weight: 1.25, Stock: 5 }]);
  await e2e.finago.seedOrders([{
    OrderId: 9001, CustomerId: 500, OrderStatus: "Confirmed", CustomerName: "Kunde AS", CustomerDeliveryName: "Kunde Lager",
    CustomerDeliveryPhone: "+4799999999", InvoiceEmailAddress: "post@kunde.no",
    Addresses: { Delivery: { Street: "Gate 1", PostalCode: "0150", PostalArea: "OSLO", Country: "NO" } },
    InvoiceRows: [{ RowId: 1, ProductId: 10, Quantity: 2, Type: "Normal" }],
  }]);
  const articles = await e2e.sync("articles");
  t.equal(articles.status, "succeeded", JSON.stringify(articles));
  const orders = await e2e.sync("orders");
  t.equal(orders.status, "succeeded", JSON.stringify(orders));
  const [order] = await e2e.ongoing.orders(1);
  t.equal(order?.orderInfo.orderNumber, "9001");
  await e2e.ongoing.ship(order!.orderInfo.orderId, { waybill: "WB1" });
  const finagoOrder = await eventually(async () => {
    const o = await e2e.finago.order(9001);
    return o?.OrderStatus === "OrderState_Sent" ? o : undefined;
  }, 20000, "OrderState_Sent");
  t.equal(finagoOrder.OrderStatus, "OrderState_Sent");
});
