// Seeding and counting helpers shared by the shipment, trigger, ledger and crash end-to-end tests.
import type { E2E } from "../helpers/e2e.js";
import { eventually } from "../helpers/e2e.js";

export const CUSTOMER_ID = 500;

/** A customer and the products the orders use (ids 10, 11, 12). */
export async function seedCatalogue(e2e: E2E): Promise<void> {
  await e2e.finago.seedCompanies([{ Id: CUSTOMER_ID, Name: "Kunde AS", Type: "Business" }]);
  await e2e.finago.seedProducts([
    { Id: 10, No: "SKU-10", Name: "Widget", EAN1: "7070000000010", Weight: 1.25, Stock: 50 },
    { Id: 11, No: "SKU-11", Name: "Gadget", EAN1: "7070000000011", Weight: 0.5, Stock: 50 },
    { Id: 12, No: "SKU-12", Name: "Gizmo", EAN1: "7070000000012", Weight: 2, Stock: 50 },
  ]);
}

/** A confirmed order with one line of product 10, ready for the order process. */
export function confirmedOrder(orderId: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    OrderId: orderId,
    CustomerId: CUSTOMER_ID,
    OrderStatus: "Confirmed",
    CustomerName: "Kunde AS",
    CustomerDeliveryName: "Kunde Lager",
    CustomerDeliveryPhone: "+4799999999",
    InvoiceEmailAddress: "post@kunde.no",
    Addresses: { Delivery: { Street: "Gate 1", PostalCode: "0150", PostalArea: "OSLO", Country: "NO" } },
    InvoiceRows: [{ RowId: 1, ProductId: 10, Quantity: 1, Type: "Normal" }],
    ...extra,
  };
}

/**
 * Seeds confirmed orders and imports them to Ongoing through the operator API; answers the
 * Ongoing order id of each Finago order id.
 */
export async function importOrders(e2e: E2E, orderIds: number[]): Promise<Map<number, number>> {
  await e2e.finago.seedOrders(orderIds.map((id) => confirmedOrder(id)));
  const run = await e2e.sync("orders");
  if (run.status !== "succeeded") throw new Error(`orders run ${run.status}: ${JSON.stringify(run)}`);
  const byNumber = new Map((await e2e.ongoing.orders(1)).map((o) => [o.orderInfo.orderNumber, o.orderInfo.orderId]));
  const out = new Map<number, number>();
  for (const id of orderIds) {
    const ongoingId = byNumber.get(String(id));
    if (ongoingId === undefined) throw new Error(`order ${id} did not reach Ongoing`);
    out.set(id, ongoingId);
  }
  return out;
}

/** The Finago order ids named in each SaveInvoices request the sandbox received, in order. */
export async function saveInvoicesOrderIds(e2e: E2E): Promise<number[]> {
  const requests = await e2e.finago.requests("SaveInvoices");
  const ids: number[] = [];
  for (const request of requests) {
    for (const match of request.body.matchAll(/<(?:[\w-]+:)?OrderId>(\d+)<\/(?:[\w-]+:)?OrderId>/g)) ids.push(Number(match[1]));
  }
  return ids;
}

/** How many SaveInvoices requests named this Finago order. */
export async function saveInvoicesCalls(e2e: E2E, finagoOrderId: number): Promise<number> {
  return (await saveInvoicesOrderIds(e2e)).filter((id) => id === finagoOrderId).length;
}

export async function finagoStatus(e2e: E2E, orderId: number): Promise<string | undefined> {
  return (await e2e.finago.order(orderId))?.OrderStatus as string | undefined;
}

/** The bridge's inbox as the operator API shows it. */
export async function webhookEvents(e2e: E2E): Promise<any[]> {
  const res = await e2e.bridge.call("GET", `/api/integrations/${e2e.integrationId}/webhook-events`);
  if (res.status !== 200) throw new Error(`webhook events: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Waits until the sandbox has sent every webhook and the bridge has turned each stored event into a run (or ignored it). */
export async function webhooksSettled(e2e: E2E): Promise<any[]> {
  await e2e.ongoing.waitForWebhooksIdle(15_000);
  return eventually(async () => {
    const events = await webhookEvents(e2e);
    return events.every((e) => e.status !== "received") ? events : undefined;
  }, 20_000, "webhook events processed");
}

/** Waits until no run of the integration is queued or running, and answers all its runs. */
export async function runsSettled(e2e: E2E, query = ""): Promise<any[]> {
  return eventually(async () => {
    const runs = await e2e.runs(`limit=500${query ? `&${query}` : ""}`);
    return runs.every((r: any) => r.status !== "queued" && r.status !== "running") ? runs : undefined;
  }, 30_000, "runs finished");
}
