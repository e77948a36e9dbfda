// Sales orders, Finago → Ongoing: the product description's order table, in Ongoing REST names
// (Ongoing NOTES.md §4.4), with the contact fallback to the customer company (Finago NOTES.md §3.3).
import type {
  FinagoAddress, FinagoCompany, FinagoInvoiceOrder, FinagoInvoiceRow,
} from "../../finago/finago-types.js";
import type { OngoingNotification, PostOrderAddress, PostOrderLine, PostOrderModel } from "../../ongoing/ongoing-types.js";
import type { IntegrationSettings } from "../../integrations/integration-settings.js";
import { applyExtraFields } from "../extra-fields.js";
import { dropAbsent, presentText } from "../mapping-fns.js";

export interface OrderMappingContext {
  goodsOwnerId: number;
  settings: Pick<IntegrationSettings, "consigneeNotifications" | "defaultDeliveryDays" | "extraFieldMappings">;
  /** The moment of the import, for the default delivery date. */
  now: Date;
  /** The Finago company of InvoiceOrder.CustomerId, read for the phone and e-mail fallback. */
  customer?: FinagoCompany;
  /** Ongoing article number per Finago ProductId, for the products the order's lines need. */
  articleNumberByProductId: ReadonlyMap<number, string>;
}

export type OrderMappingResult = { ok: true; order: PostOrderModel } | { ok: false; reason: string };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * | OrderInfo ⇒ GoodsOwnerOrderNumber     | InvoiceOrder ⇒ OrderId                   | orderNumber
 * | OrderInfo ⇒ DeliveryDate              | InvoiceOrder ⇒ DeliveryDate              | deliveryDate
 * | OrderInfo ⇒ ReferenceNumber           | InvoiceOrder ⇒ ReferenceNumber           | referenceNumber
 * | OrderInfo ⇒ SalesCode                 | InvoiceOrder ⇒ YourReference             | salesCode
 * | OrderInfo ⇒ WayOfDelivery             | InvoiceOrder ⇒ DeliveryMethod ⇒ Description | advanced.wayOfDeliveryString
 * | OrderInfo ⇒ WayOfDeliveryType ⇒ Code  | InvoiceOrder ⇒ DeliveryMethod ⇒ Id       | wayOfDelivery.code
 * | OrderInfo ⇒ WayOfDeliveryType ⇒ Name  | InvoiceOrder ⇒ DeliveryMethod ⇒ Description | wayOfDelivery.name
 * | OrderInfo ⇒ OrderRemark               | InvoiceOrder ⇒ InvoiceTitle              | orderRemark
 * | Customer ⇒ …                          | InvoiceOrder ⇒ Customer…, Addresses      | consignee …
 * | Customer ⇒ MobilePhone / TelePhone    | InvoiceOrder ⇒ CustomerDeliveryPhone *   | smsNotification / telephoneNotification
 * | Customer ⇒ Email                      | InvoiceOrder ⇒ InvoiceEmailAddress **    | emailNotification
 * | CustomerOrderLines ⇒ …                | InvoiceRow ⇒ RowId, ProductId, Quantity  | orderLines[]
 *
 * Values Finago does not carry are left out rather than sent empty.
 */
export function mapInvoiceOrderToOngoingOrder(order: FinagoInvoiceOrder, ctx: OrderMappingContext): OrderMappingResult {
  if (!Number.isSafeInteger(order.OrderId)) {
    return { ok: false, reason: `Finago order has no valid OrderId (${JSON.stringify(order.OrderId)})` };
  }
  const lines = mapOrderLines(order, ctx);
  if (!lines.ok) return lines;

  const notify = ctx.settings.consigneeNotifications;
  const phone = presentText(order.CustomerDeliveryPhone) ?? pickCustomerPhone(ctx.customer);
  const email = presentText(order.InvoiceEmailAddress) ?? pickCustomerEmail(ctx.customer);
  const deliveryMethodId = order.DeliveryMethod?.Id;
  const deliveryMethodName = presentText(order.DeliveryMethod?.Description);

  const invoiceAddress = dropAbsent<PostOrderAddress>({
    name: presentText(order.CustomerName),
    ...mapAddress(order.Addresses?.Invoice),
  });

  const mapped: PostOrderModel = dropAbsent<PostOrderModel>({
    goodsOwnerId: ctx.goodsOwnerId,
    orderNumber: String(order.OrderId),
    deliveryDate: deliveryDateOf(order, ctx),
    referenceNumber: presentText(order.ReferenceNumber),
    salesCode: presentText(order.YourReference),
    orderRemark: presentText(order.InvoiceTitle),
    wayOfDelivery: Number.isSafeInteger(deliveryMethodId)
      ? dropAbsent({ code: String(deliveryMethodId), name: deliveryMethodName })
      : undefined,
    advanced: deliveryMethodName ? { wayOfDeliveryString: deliveryMethodName } : undefined,
    consignee: dropAbsent({
      customerNumber: Number.isSafeInteger(order.CustomerId) ? String(order.CustomerId) : undefined,
      // A parcel needs a recipient: when the order has no delivery name, the customer is the recipient.
      name: presentText(order.CustomerDeliveryName) ?? presentText(order.CustomerName),
      ...mapAddress(order.Addresses?.Delivery),
      invoiceAddress: Object.keys(invoiceAddress).length > 0 ? invoiceAddress : undefined,
    }),
    smsNotification: notification(phone, notify),
    telephoneNotification: notification(phone, notify),
    emailNotification: notification(email, notify),
    orderLines: lines.orderLines,
  });

  applyExtraFields("order", mapped, { InvoiceOrder: order }, ctx.settings.extraFieldMappings);
  return { ok: true, order: mapped };
}

/** The ProductIds of the rows that become order lines, each once, in row order. */
export function productIdsOfOrder(order: Pick<FinagoInvoiceOrder, "InvoiceRows">): number[] {
  const ids = (order.InvoiceRows ?? []).filter(isProductRow).map((row) => row.ProductId as number);
  return [...new Set(ids)];
}

/** The customer's phone for the fallback: mobile, then primary, then work (Finago NOTES.md §3.3). */
export function pickCustomerPhone(company: FinagoCompany | undefined): string | undefined {
  const phones = company?.PhoneNumbers;
  return presentText(phones?.Mobile?.Value) ?? presentText(phones?.Primary?.Value) ?? presentText(phones?.Work?.Value);
}

/** The customer's e-mail for the fallback: invoice, then primary, then work (Finago NOTES.md §3.3). */
export function pickCustomerEmail(company: FinagoCompany | undefined): string | undefined {
  const emails = company?.EmailAddresses;
  return presentText(emails?.Invoice?.Value) ?? presentText(emails?.Primary?.Value) ?? presentText(emails?.Work?.Value);
}

/**
 * Ongoing requires a delivery date. Finago's, when set, is kept as its calendar day. When Finago
 * has none, the order is due on the import day plus settings.defaultDeliveryDays (0 by default:
 * the warehouse ships as soon as it can). Finago dates carry no offset and are read as UTC, so
 * the UTC day is the day Finago shows; `now` uses the same calendar.
 */
function deliveryDateOf(order: FinagoInvoiceOrder, ctx: OrderMappingContext): string {
  const date = order.DeliveryDate;
  if (date instanceof Date && !Number.isNaN(date.getTime())) return isoDay(date);
  return isoDay(new Date(ctx.now.getTime() + ctx.settings.defaultDeliveryDays * DAY_MS));
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * | Customer ⇒ Address          | …Address ⇒ Street     | address1
 * | Customer ⇒ PostCode         | …Address ⇒ PostalCode | postCode
 * | Customer ⇒ City             | …Address ⇒ PostalArea | city (City when PostalArea is empty, Finago NOTES.md §3.3)
 * | Customer ⇒ CountryCode      | …Address ⇒ Country    | countryCode
 * | Customer ⇒ CountryStateCode | …Address ⇒ State      | countryStateCode
 */
function mapAddress(address: FinagoAddress | undefined): PostOrderAddress {
  if (!address) return {};
  return dropAbsent({
    address1: presentText(address.Street),
    postCode: presentText(address.PostalCode),
    city: presentText(address.PostalArea) ?? presentText(address.City),
    countryCode: presentText(address.Country),
    countryStateCode: presentText(address.State),
  });
}

/**
 * The contact travels whatever the setting, so the warehouse can reach the consignee; whether
 * Ongoing messages the consignee is the operator's choice (default off: no messages by surprise).
 */
function notification(value: string | undefined, toBeNotified: boolean): OngoingNotification | undefined {
  return value ? { toBeNotified, value } : undefined;
}

/** Text rows (and any row without a product) carry no goods to pick. */
function isProductRow(row: FinagoInvoiceRow): boolean {
  if (row.Type === "Text" || row.Type === "TextBold") return false;
  return typeof row.ProductId === "number" && Number.isSafeInteger(row.ProductId);
}

type LinesResult = { ok: true; orderLines: PostOrderLine[] } | { ok: false; reason: string };

/**
 * | CustomerOrderLines ⇒ ExternalOrderLineCode | InvoiceRow ⇒ RowId     | rowNumber
 * | CustomerOrderLines ⇒ ProductCode           | InvoiceRow ⇒ ProductId | articleNumber (REST lines have no product code)
 * | CustomerOrderLines ⇒ NumberOfItems         | InvoiceRow ⇒ Quantity  | numberOfItems
 */
function mapOrderLines(order: FinagoInvoiceOrder, ctx: OrderMappingContext): LinesResult {
  const orderLines: PostOrderLine[] = [];
  const rowsByNumber = new Map<string, number>();
  const rows = Array.isArray(order.InvoiceRows) ? order.InvoiceRows : [];

  for (const [index, row] of rows.entries()) {
    if (!isProductRow(row)) continue;
    const position = index + 1;
    // Rows read without RowId are numbered by their position among all rows, text rows included,
    // so the numbering stays the same when the order is read again.
    const rowNumber = Number.isSafeInteger(row.RowId) ? String(row.RowId) : String(position);
    const label = `row ${rowNumber}`;
    const productId = row.ProductId as number;

    const articleNumber = ctx.articleNumberByProductId.get(productId);
    if (!articleNumber) {
      return { ok: false, reason: `${label}: product ${productId} is not known as an Ongoing article` };
    }
    const quantity = row.Quantity;
    if (typeof quantity !== "number" || !Number.isFinite(quantity)) {
      return { ok: false, reason: `${label} (product ${productId}) has no quantity` };
    }
    if (quantity < 0) {
      return { ok: false, reason: `${label} (product ${productId}) has a negative quantity (${quantity}), which an Ongoing order cannot carry` };
    }
    const earlier = rowsByNumber.get(rowNumber);
    if (earlier !== undefined) {
      return { ok: false, reason: `rows at positions ${earlier} and ${position} both have row number ${rowNumber}; Ongoing needs them unique` };
    }
    rowsByNumber.set(rowNumber, position);

    const line: PostOrderLine = { rowNumber, articleNumber, numberOfItems: quantity };
    applyExtraFields("orderLine", line, { InvoiceRow: row, InvoiceOrder: order }, ctx.settings.extraFieldMappings);
    orderLines.push(line);
  }

  if (orderLines.length === 0) {
    return { ok: false, reason: `order ${order.OrderId} has no rows with a product, so there is nothing for the warehouse to pick` };
  }
  return { ok: true, orderLines };
}
