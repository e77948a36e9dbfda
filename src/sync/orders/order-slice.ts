// Sales orders, Finago → Ongoing: orders in the configured states are created in Ongoing once,
// updated while the warehouse has not started on them, and refused (recorded with the reason)
// after that. Optionally the Finago order is then set to the import status.
import type { InvoiceExtraProperties } from "../../finago/index.js";
import type { FinagoCompany, FinagoInvoiceOrder } from "../../finago/finago-types.js";
import { OngoingHttpError } from "../../ongoing/errors.js";
import { writeArticle, suppliersOf } from "../articles/article-slice.js";
import { articleNumberOfProduct } from "../articles/article-mapping.js";
import { classifyError } from "../classify-error.js";
import { contentHash } from "../content-hash.js";
import { extraPropertiesFor } from "../extra-properties.js";
import { createLinksDal, type LinksDal } from "../links-dal.js";
import { BEGINNING_OF_TIME, deltaStart, readFinagoRecords, type Slice, type SliceContext } from "../slice-types.js";
import { mapInvoiceOrderToOngoingOrder, productIdsOfOrder } from "./order-mapping.js";

/** Ongoing's order status from which the warehouse has started work: the order is frozen. */
export const WAREHOUSE_STARTED_STATUS = 300;

export const syncOrders: Slice = async (ctx) => {
  const links = createLinksDal(ctx.db, ctx.integration.id);
  const { settings } = ctx.integration;
  const extra = extraPropertiesFor(settings);
  const invoiceExtra = { invoice: extra.invoice, row: extra.row };
  const { records: orders, scoped, cursorOf } = await readFinagoRecords(ctx, {
    idOf: (o: FinagoInvoiceOrder) => o.OrderId,
    readChanged: () => readChangedOrders(ctx, invoiceExtra),
    readByIds: (ids) => ctx.finago.getInvoicesByOrderIds(ids, invoiceExtra),
  });
  const customers = new Map<number, FinagoCompany | undefined>();
  for (const order of orders) {
    await importOrder(ctx, links, order, customers);
    const cursor = cursorOf(order);
    if (!scoped && cursor) await ctx.advanceCursor(cursor);
  }
};

/**
 * Orders in an import state changed since the cursor. With status on import, the import status
 * is read too, so later changes to an imported order still reach Ongoing. Without a cursor (the
 * first run, a full resync) Finago's advice is followed: the order ids from GetOrderSyncList,
 * then GetInvoices by at most 1000 ids, not GetInvoices over years of changes.
 */
async function readChangedOrders(ctx: SliceContext, extra: InvoiceExtraProperties): Promise<FinagoInvoiceOrder[]> {
  const { settings } = ctx.integration;
  const states = [...settings.importOrderStates];
  if (settings.processes.statusOnImport && settings.importStatus && !states.includes(settings.importStatus)) {
    states.push(settings.importStatus);
  }
  const since = deltaStart(ctx);
  if (since > BEGINNING_OF_TIME) return ctx.finago.getInvoicesChangedSince(since, states, extra);
  const ids = await ctx.finago.getOrderSyncList({ registeredAfter: BEGINNING_OF_TIME });
  const orders = ids.length ? await ctx.finago.getInvoicesByOrderIds(ids, extra) : [];
  return orders.filter((o) => o.OrderStatus && states.includes(o.OrderStatus));
}

async function importOrder(
  ctx: SliceContext,
  links: LinksDal,
  order: FinagoInvoiceOrder,
  customers: Map<number, FinagoCompany | undefined>,
): Promise<void> {
  const { settings } = ctx.integration;
  const sourceId = String(order.OrderId);
  const link = await links.orderLink(order.OrderId);
  if (!link && (!order.OrderStatus || !settings.importOrderStates.includes(order.OrderStatus))) {
    await ctx.record({ entity: "order", sourceId, action: "skipped", message: `order is ${order.OrderStatus ?? "without status"}, not in an import state (${settings.importOrderStates.join(", ")})` });
    return;
  }

  const articleNumberByProductId = await resolveArticleNumbers(ctx, links, productIdsOfOrder(order));
  const customer = await customerForContactFallback(ctx, order, customers);
  const mapped = mapInvoiceOrderToOngoingOrder(order, {
    goodsOwnerId: ctx.integration.goodsOwnerId,
    settings,
    // A defaulted delivery date counts from the first import, so a re-read does not move it.
    now: link?.createdAt ?? ctx.now(),
    customer,
    articleNumberByProductId,
  });
  if (!mapped.ok) {
    await ctx.record({ entity: "order", sourceId, action: "failed", errorClass: "mapping", message: mapped.reason });
    return;
  }
  const hash = contentHash(mapped.order);
  const orderNumber = mapped.order.orderNumber;
  if (link?.contentHash === hash) {
    await ctx.record({ entity: "order", sourceId, targetId: String(link.ongoingOrderId), action: "unchanged" });
    if (settings.processes.statusOnImport && !link.importStatusSetAt && stillInImportState(ctx, order, link)) {
      await setImportStatus(ctx, links, order, link.ongoingOrderId);
    } else if (!link.importStatusSetAt) {
      // Switched off, shipped or moved on in Finago: an earlier failure to set the status is moot.
      await ctx.forgetFailure("order-status", sourceId);
    }
    return;
  }
  if (link) {
    const refusal = await warehouseStartedReason(ctx, link.ongoingOrderId);
    if (refusal) {
      if (!ctx.run.dryRun) await links.updateOrderContentHash(order.OrderId, hash);
      await ctx.record({ entity: "order", sourceId, targetId: String(link.ongoingOrderId), action: "refused", errorClass: "conflict", message: refusal });
      return;
    }
  }
  const action = link ? "updated" : "created";
  if (ctx.run.dryRun) {
    await ctx.record({ entity: "order", sourceId, targetId: orderNumber, action: "planned", detail: { would: action, order: mapped.order } });
    return;
  }
  let ongoingOrderId: number;
  try {
    ongoingOrderId = (await ctx.ongoing.putOrder(mapped.order)).orderId;
  } catch (err) {
    const failure = classifyError(err);
    if (failure.retryable) throw err;
    // Without a link the order may still be in Ongoing: written by a run that died before it
    // could save the link. Link it now, so its shipment is reported, and say why it was refused.
    const existing = !link && err instanceof OngoingHttpError ? await ctx.ongoing.findOrderByNumber(orderNumber) : null;
    const linkedId = link?.ongoingOrderId ?? existing?.orderInfo.orderId ?? null;
    const startedNow = linkedId !== null && err instanceof OngoingHttpError && (await warehouseStartedReason(ctx, linkedId));
    if (existing) {
      // Refused because the warehouse started: that content is settled. Refused for another
      // reason: an empty hash, so the next run sends the order again.
      await links.saveOrderLink({
        finagoOrderId: order.OrderId, finagoCustomerId: order.CustomerId ?? null, orderNumber,
        ongoingOrderId: existing.orderInfo.orderId, contentHash: startedNow ? hash : "",
      });
    }
    await ctx.record({
      entity: "order", sourceId, targetId: orderNumber,
      action: startedNow ? "refused" : "failed",
      errorClass: startedNow ? "conflict" : failure.errorClass,
      message: startedNow || failure.message,
    });
    return;
  }
  await links.saveOrderLink({
    finagoOrderId: order.OrderId,
    finagoCustomerId: order.CustomerId ?? null,
    orderNumber,
    ongoingOrderId,
    contentHash: hash,
  });
  await ctx.record({ entity: "order", sourceId, targetId: String(ongoingOrderId), action, detail: { orderNumber } });
  if (action === "created" && settings.processes.statusOnImport) await setImportStatus(ctx, links, order, ongoingOrderId);
}

/**
 * Ongoing article numbers of the products an order needs: from the article links, else the
 * product is read from Finago and (with the article process on) written to Ongoing first, so
 * the order's lines find their articles.
 */
async function resolveArticleNumbers(ctx: SliceContext, links: LinksDal, productIds: number[]): Promise<Map<number, string>> {
  const numbers = new Map<number, string>();
  for (const link of await links.articleLinksByProductIds(productIds)) numbers.set(link.finagoProductId, link.articleNumber);
  const missing = productIds.filter((id) => !numbers.has(id));
  if (missing.length === 0) return numbers;
  const extra = extraPropertiesFor(ctx.integration.settings).product;
  const products = await ctx.finago.getProductsByIds(missing, extra);
  const suppliers = await suppliersOf(ctx, links, products);
  for (const product of products) {
    const number = ctx.integration.settings.processes.articles
      ? await writeArticle(ctx, links, product, suppliers.get(product.SupplierId ?? -1))
      : articleNumberOfProduct(product);
    if (number) numbers.set(product.Id, number);
  }
  return numbers;
}

/** The customer company, read only when the order lacks a phone or an e-mail address. */
async function customerForContactFallback(
  ctx: SliceContext,
  order: FinagoInvoiceOrder,
  cache: Map<number, FinagoCompany | undefined>,
): Promise<FinagoCompany | undefined> {
  const customerId = order.CustomerId;
  if (!customerId || (order.CustomerDeliveryPhone?.trim() && order.InvoiceEmailAddress?.trim())) return undefined;
  if (!cache.has(customerId)) cache.set(customerId, (await ctx.finago.getCompaniesByIds([customerId]))[0]);
  return cache.get(customerId);
}

async function warehouseStartedReason(ctx: SliceContext, ongoingOrderId: number | null): Promise<string | undefined> {
  if (!ongoingOrderId) return undefined;
  const current = await ctx.ongoing.getOrder(ongoingOrderId);
  const status = current.orderInfo.orderStatus;
  if (status.number < WAREHOUSE_STARTED_STATUS) return undefined;
  return `the warehouse has started on Ongoing order ${ongoingOrderId} (status ${status.number}${status.text ? ` ${status.text}` : ""}); Ongoing does not allow changes after that, so the change in Finago was not sent`;
}

/** The import status is set only on an order nobody has moved on since: not shipped, still in an import state. */
function stillInImportState(ctx: SliceContext, order: FinagoInvoiceOrder, link: { shippedReportedAt: Date | null }): boolean {
  return !link.shippedReportedAt && !!order.OrderStatus && ctx.integration.settings.importOrderStates.includes(order.OrderStatus);
}

async function setImportStatus(ctx: SliceContext, links: LinksDal, order: FinagoInvoiceOrder, ongoingOrderId: number | null) {
  const status = ctx.integration.settings.importStatus;
  if (!status || ctx.run.dryRun) return;
  const sourceId = String(order.OrderId);
  if (!order.CustomerId) {
    await ctx.record({ entity: "order-status", sourceId, action: "failed", errorClass: "mapping", message: "order has no CustomerId, which Finago needs to change its status" });
    return;
  }
  let result: Awaited<ReturnType<typeof ctx.finago.setOrderStatuses>>[number] | undefined;
  try {
    [result] = await ctx.finago.setOrderStatuses([{ orderId: order.OrderId, customerId: order.CustomerId, status }]);
  } catch (err) {
    // Like a refused order write: one order's status Finago will not set must not stop the
    // orders after it; it is recorded and tried again on a later run.
    const failure = classifyError(err);
    if (failure.retryable) throw err;
    await ctx.record({ entity: "order-status", sourceId, targetId: String(ongoingOrderId), action: "failed", errorClass: failure.errorClass, message: failure.message });
    return;
  }
  if (result?.error) {
    await ctx.record({ entity: "order-status", sourceId, action: "failed", errorClass: "record", message: result.error.message });
    return;
  }
  await links.markImportStatusSet(order.OrderId, ctx.now());
  await ctx.record({ entity: "order-status", sourceId, targetId: String(ongoingOrderId), action: "updated", detail: { from: order.OrderStatus, to: status } });
}
