// Shipped status, Ongoing → Finago: an order Ongoing reports in a shipped status is set to the
// configured Finago status once. A webhook names one order (re-read from Ongoing: the payload
// is a hint, not the truth); the interval run is the backstop for lost webhooks.
import type { GetOrderModel } from "../../ongoing/ongoing-types.js";
import { classifyError } from "../classify-error.js";
import { createLinksDal, type LinksDal } from "../links-dal.js";
import { deltaStart, scopeOf, type Slice, type SliceContext } from "../slice-types.js";

export const syncShipments: Slice = async (ctx) => {
  const links = createLinksDal(ctx.db, ctx.integration.id);
  const scope = scopeOf(ctx.run);
  const named = [
    ...(scope.ongoingOrderId ? [scope.ongoingOrderId] : []),
    ...(scope.sourceIds ?? []).map(Number),
  ].filter(Number.isInteger);
  if (named.length) {
    for (const orderId of named) await reportNamedShipment(ctx, links, orderId);
    return;
  }
  const startedAt = ctx.now();
  const shipped = ctx.integration.settings.shippedOngoingStatuses;
  const seen = new Set<number>();
  for await (const order of ctx.ongoing.listOrders({
    orderStatusFrom: Math.min(...shipped),
    orderStatusChangedTimeFrom: deltaStart(ctx),
  })) {
    seen.add(order.orderInfo.orderId);
    await reportShipment(ctx, links, order, false);
  }
  for (const id of (await ctx.retryableSourceIds()).map(Number).filter((id) => Number.isInteger(id) && !seen.has(id))) {
    await reportNamedShipment(ctx, links, id);
  }
  await ctx.advanceCursor(startedAt);
};

/** An order named by a webhook, a replay or an earlier failure: re-read from Ongoing first. */
async function reportNamedShipment(ctx: SliceContext, links: LinksDal, ongoingOrderId: number): Promise<void> {
  let order: GetOrderModel;
  try {
    order = await ctx.ongoing.getOrder(ongoingOrderId);
  } catch (err) {
    const failure = classifyError(err);
    if (failure.retryable) throw err;
    await ctx.record({ entity: "shipment", sourceId: String(ongoingOrderId), action: "failed", errorClass: failure.errorClass, message: `Ongoing order could not be read: ${failure.message}` });
    return;
  }
  await reportShipment(ctx, links, order, true);
}

/** Sets the Finago status of one shipped order, unless it was reported before. */
async function reportShipment(ctx: SliceContext, links: LinksDal, order: GetOrderModel, named: boolean): Promise<void> {
  const { settings } = ctx.integration;
  const ongoingOrderId = order.orderInfo.orderId;
  const status = order.orderInfo.orderStatus.number;
  const sourceId = String(ongoingOrderId);
  if (!settings.shippedOngoingStatuses.includes(status)) {
    if (named) await ctx.record({ entity: "shipment", sourceId, action: "skipped", message: `Ongoing order is at status ${status}, not a shipped status (${settings.shippedOngoingStatuses.join(", ")})` });
    return;
  }
  const link = await links.orderLinkByOngoingId(ongoingOrderId);
  if (!link) {
    if (named) await ctx.record({ entity: "shipment", sourceId, action: "skipped", message: "this order was not created by the bridge" });
    return;
  }
  if (link.shippedReportedAt) {
    if (named) await ctx.record({ entity: "shipment", sourceId, targetId: String(link.finagoOrderId), action: "unchanged", message: `reported at ${link.shippedReportedAt.toISOString()}` });
    return;
  }
  const detail = { ongoingStatus: status, finagoStatus: settings.shippedStatus, wayBill: order.orderInfo.wayBill ?? null };
  if (ctx.run.dryRun) {
    await ctx.record({ entity: "shipment", sourceId, targetId: String(link.finagoOrderId), action: "planned", detail });
    return;
  }
  if (!link.finagoCustomerId) {
    await ctx.record({ entity: "shipment", sourceId, targetId: String(link.finagoOrderId), action: "failed", errorClass: "mapping", message: "the Finago order has no CustomerId, which Finago needs to change its status" });
    return;
  }
  let result: Awaited<ReturnType<typeof ctx.finago.setOrderStatuses>>[number] | undefined;
  try {
    [result] = await ctx.finago.setOrderStatuses([
      { orderId: link.finagoOrderId, customerId: link.finagoCustomerId, status: settings.shippedStatus },
    ]);
  } catch (err) {
    // A fault for this one order must not hold up the shipments after it; it is tried again later.
    const failure = classifyError(err);
    if (failure.retryable) throw err;
    await ctx.record({ entity: "shipment", sourceId, targetId: String(link.finagoOrderId), action: "failed", errorClass: failure.errorClass, message: failure.message });
    return;
  }
  if (result?.error) {
    await ctx.record({ entity: "shipment", sourceId, targetId: String(link.finagoOrderId), action: "failed", errorClass: "record", message: result.error.message });
    return;
  }
  // Finago first, then the mark: a crash in between sends the same status once more on the
  // next run, which leaves Finago as it is; the other order would lose the report.
  await links.markShipmentReported(link.finagoOrderId, status, ctx.now());
  await ctx.record({ entity: "shipment", sourceId, targetId: String(link.finagoOrderId), action: "updated", detail });
}
