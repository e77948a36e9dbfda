// The warehouse behind the Ongoing sandbox: articles, suppliers, customers, orders and stock,
// with the rules of the real service (upsert by business key, no order updates once the
// warehouse has started, sellable stock reduced by open orders). Every change that Ongoing
// would report by webhook is announced through `onChange`.

import type { OrderStatus } from "../../ongoing/ongoing-types.js";

export const STANDARD_ORDER_STATUSES: OrderStatus[] = [
  { number: 150, text: "Error" },
  { number: 200, text: "Open" },
  { number: 300, text: "Released" },
  { number: 320, text: "Allocated" },
  { number: 400, text: "Picked" },
  { number: 450, text: "Sent" },
  { number: 500, text: "Collected" },
  { number: 800, text: "Returned" },
  { number: 1000, text: "Cancelled" },
];

/** Status from which the warehouse has started on an order: no more updates from the goods owner. */
export const STARTED_STATUS = 300;
/** From this status the goods have left the warehouse. */
export const SENT_STATUS = 450;
export const CANCELLED_STATUS = 1000;
export const RETURNED_STATUS = 800;

export interface SandboxUser { username: string; password: string; goodsOwnerIds: number[] }
export interface SandboxGoodsOwner { id: number; code: string; name: string }

export interface SandboxSupplier {
  supplierId: number;
  goodsOwnerId: number;
  supplierNumber: string | null;
  supplierName: string | null;
  address: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
}

export interface SandboxArticle {
  articleSystemId: number;
  goodsOwnerId: number;
  articleNumber: string;
  /** Members of the last PUT bodies, merged; null clears a member. */
  data: Record<string, unknown>;
  supplierId: number | null;
  numberOfItems: number;
  stockInfoChangedAt: string;
  lastInDate: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SandboxOrderLine {
  id: number;
  rowNumber: string;
  articleSystemId: number;
  articleNumber: string;
  numberOfItems: number;
  pickedNumberOfItems: number;
  data: Record<string, unknown>;
}

export interface SandboxOrder {
  orderId: number;
  goodsOwnerId: number;
  orderNumber: string;
  data: Record<string, unknown>;
  lines: SandboxOrderLine[];
  customerId: number | null;
  status: number;
  statusChangedAt: string;
  createdAt: string;
  updatedAt: string;
  shippedTime: string | null;
  wayBill: string | null;
  tracking: Array<{ waybill: string | null; trackingUrl: string | null; created: string }>;
  parcels: Array<{ id: number; parcelNumber: string | null; trackingUrl: string | null }>;
  /** Physical stock was taken out when the order was sent. */
  stockDeducted: boolean;
}

export type SandboxChange =
  | { type: "order-created"; order: SandboxOrder }
  | { type: "order-status-changed"; order: SandboxOrder; previousStatus: number }
  | { type: "order-picked"; order: SandboxOrder }
  | { type: "article-created" | "article-updated"; article: SandboxArticle }
  | { type: "stock-adjusted"; article: SandboxArticle; delta: number; cause: "adjustment" | "inbound" };

export class SandboxError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export interface SandboxStateOptions {
  users: SandboxUser[];
  goodsOwners?: Array<Partial<SandboxGoodsOwner> & { id: number }>;
  orderStatuses?: OrderStatus[];
}

export class OngoingSandboxState {
  users: SandboxUser[];
  goodsOwners = new Map<number, SandboxGoodsOwner>();
  orderStatuses: OrderStatus[];
  articles = new Map<number, SandboxArticle>();
  orders = new Map<number, SandboxOrder>();
  suppliers = new Map<number, SandboxSupplier>();
  customers = new Map<string, { id: number; goodsOwnerId: number; customerNumber: string }>();
  /** Added to the real clock, so tests can move "now" (e.g. to age a stockInfoChangedFrom). */
  clockOffsetMs = 0;
  onChange: (change: SandboxChange) => void = () => {};
  private readonly initialOrderStatuses: OrderStatus[];
  private nextIds = { article: 18_000, order: 50_000, line: 90_000, supplier: 700, customer: 21_600, parcel: 3_000 };

  constructor(options: SandboxStateOptions) {
    this.users = options.users;
    this.initialOrderStatuses = (options.orderStatuses ?? STANDARD_ORDER_STATUSES).map((s) => ({ ...s }));
    this.orderStatuses = this.initialOrderStatuses.map((s) => ({ ...s }));
    const ids = new Set<number>([...options.users.flatMap((u) => u.goodsOwnerIds), ...(options.goodsOwners ?? []).map((g) => g.id)]);
    for (const id of ids) {
      const given = options.goodsOwners?.find((g) => g.id === id);
      this.goodsOwners.set(id, { id, code: given?.code ?? `GO${id}`, name: given?.name ?? `Goods owner ${id}` });
    }
  }

  now(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  reset(): void {
    this.articles.clear();
    this.orders.clear();
    this.suppliers.clear();
    this.customers.clear();
    this.clockOffsetMs = 0;
    this.orderStatuses = this.initialOrderStatuses.map((s) => ({ ...s }));
    this.nextIds = { article: 18_000, order: 50_000, line: 90_000, supplier: 700, customer: 21_600, parcel: 3_000 };
  }

  authenticate(username: string, password: string): SandboxUser | undefined {
    return this.users.find((u) => u.username === username && u.password === password);
  }

  statusText(number: number): string | null {
    return this.orderStatuses.find((s) => s.number === number)?.text ?? null;
  }

  findArticle(goodsOwnerId: number, articleNumber: string): SandboxArticle | undefined {
    for (const a of this.articles.values()) if (a.goodsOwnerId === goodsOwnerId && a.articleNumber === articleNumber) return a;
    return undefined;
  }

  findOrder(goodsOwnerId: number, orderNumber: string): SandboxOrder | undefined {
    for (const o of this.orders.values()) if (o.goodsOwnerId === goodsOwnerId && o.orderNumber === orderNumber) return o;
    return undefined;
  }

  /** PUT /articles. `model` is validated and its numbers converted. */
  upsertArticle(goodsOwnerId: number, model: Record<string, unknown>): { articleSystemId: number; message: string } {
    const stamp = this.now().toISOString();
    const articleNumber = model.articleNumber as string;
    const { goodsOwnerId: _g, articleNumber: _n, supplierInfo, ...data } = model;
    let supplierMessage = "";
    let supplierId: number | null | undefined;
    if (supplierInfo && typeof supplierInfo === "object") {
      const info = supplierInfo as Record<string, unknown>;
      const result = this.upsertSupplier(goodsOwnerId, info);
      if (result) {
        supplierId = result.supplier.supplierId;
        supplierMessage = `Supplier ${result.supplier.supplierNumber ?? ""} ${result.supplier.supplierName ?? ""} ${result.created ? "Created" : "Updated"} <br/> <br/>`;
      }
      data.supplierArticleNumber = info.supplierArticleNumber ?? null;
    }
    let article = this.findArticle(goodsOwnerId, articleNumber);
    const created = !article;
    if (!article) {
      article = {
        articleSystemId: ++this.nextIds.article,
        goodsOwnerId,
        articleNumber,
        data: {},
        supplierId: null,
        numberOfItems: 0,
        stockInfoChangedAt: stamp,
        lastInDate: null,
        createdAt: stamp,
        updatedAt: stamp,
      };
      this.articles.set(article.articleSystemId, article);
    }
    for (const [key, value] of Object.entries(data)) if (value !== undefined) article.data[key] = value;
    if (supplierId !== undefined) article.supplierId = supplierId;
    article.updatedAt = stamp;
    this.onChange({ type: created ? "article-created" : "article-updated", article });
    const name = typeof article.data.articleName === "string" ? article.data.articleName : "";
    return { articleSystemId: article.articleSystemId, message: `${supplierMessage}Article ${articleNumber} ${name} Updated/Created` };
  }

  private upsertSupplier(goodsOwnerId: number, info: Record<string, unknown>): { supplier: SandboxSupplier; created: boolean } | undefined {
    const number = typeof info.supplierNumber === "string" && info.supplierNumber ? info.supplierNumber : null;
    const name = typeof info.supplierName === "string" && info.supplierName ? info.supplierName : null;
    if (!number && !name) return undefined;
    const address = ((info.advanced as Record<string, unknown> | null | undefined)?.supplierAddress ?? undefined) as
      | Record<string, unknown>
      | null
      | undefined;
    const stamp = this.now().toISOString();
    let supplier = [...this.suppliers.values()].find(
      (s) => s.goodsOwnerId === goodsOwnerId && (number ? s.supplierNumber === number : s.supplierName === name),
    );
    const created = !supplier;
    if (!supplier) {
      supplier = { supplierId: ++this.nextIds.supplier, goodsOwnerId, supplierNumber: number, supplierName: name, address: null, createdAt: stamp, updatedAt: stamp };
      this.suppliers.set(supplier.supplierId, supplier);
    }
    if (name) supplier.supplierName = name;
    if (address !== undefined) supplier.address = address ? { ...address } : null;
    supplier.updatedAt = stamp;
    return { supplier, created };
  }

  /** PUT /orders: 201 when created, 200 when updated, SandboxError when refused. */
  upsertOrder(goodsOwnerId: number, model: Record<string, unknown>): { status: 200 | 201; orderId: number; message: string } {
    const orderNumber = model.orderNumber as string;
    const existing = this.findOrder(goodsOwnerId, orderNumber);
    if (existing && existing.status >= STARTED_STATUS) {
      const status = [existing.status, this.statusText(existing.status)].filter((p) => p !== null).join(" ");
      throw new SandboxError(
        400,
        `Order number ${orderNumber} cannot be updated, since the warehouse has started working on it (order status ${status}).`,
      );
    }
    const rawLines = (model.orderLines as Array<Record<string, unknown>> | null | undefined) ?? [];
    const seenRows = new Set<string>();
    const lines: SandboxOrderLine[] = [];
    for (const raw of rawLines) {
      const rowNumber = raw.rowNumber as string;
      if (seenRows.has(rowNumber)) throw new SandboxError(400, `Order line row number '${rowNumber}' occurs more than once in order ${orderNumber}.`);
      seenRows.add(rowNumber);
      const article = this.findArticle(goodsOwnerId, raw.articleNumber as string);
      if (!article) throw new SandboxError(400, `Article with article number '${String(raw.articleNumber)}' does not exist (order line row number '${rowNumber}').`);
      const previous = existing?.lines.find((l) => l.rowNumber === rowNumber);
      const { rowNumber: _r, articleNumber: _a, numberOfItems, ...data } = raw;
      lines.push({
        id: previous?.id ?? ++this.nextIds.line,
        rowNumber,
        articleSystemId: article.articleSystemId,
        articleNumber: article.articleNumber,
        numberOfItems: numberOfItems as number,
        pickedNumberOfItems: 0,
        data,
      });
    }
    const stamp = this.now().toISOString();
    const customerMessage = this.upsertCustomer(goodsOwnerId, model.consignee as Record<string, unknown>);
    const { goodsOwnerId: _g, orderNumber: _n, orderLines: _l, ...data } = model;
    const touched = new Set([...(existing?.lines ?? []), ...lines].map((l) => l.articleSystemId));
    let order = existing;
    if (!order) {
      order = {
        orderId: ++this.nextIds.order,
        goodsOwnerId,
        orderNumber,
        data,
        lines,
        customerId: customerMessage.customerId,
        status: 200,
        statusChangedAt: stamp,
        createdAt: stamp,
        updatedAt: stamp,
        shippedTime: null,
        wayBill: null,
        tracking: [],
        parcels: [],
        stockDeducted: false,
      };
      this.orders.set(order.orderId, order);
    } else {
      order.data = data;
      order.lines = lines;
      order.customerId = customerMessage.customerId ?? order.customerId;
      order.updatedAt = stamp;
    }
    this.markStockChanged(touched, stamp);
    if (!existing) this.onChange({ type: "order-created", order });
    return {
      status: existing ? 200 : 201,
      orderId: order.orderId,
      message: `${customerMessage.text}Order number ${orderNumber} created/updated`,
    };
  }

  private upsertCustomer(goodsOwnerId: number, consignee: Record<string, unknown>): { text: string; customerId: number | null } {
    const customerNumber = typeof consignee?.customerNumber === "string" && consignee.customerNumber ? consignee.customerNumber : null;
    if (!customerNumber) return { text: "", customerId: null };
    const key = `${goodsOwnerId}#${customerNumber}`;
    let customer = this.customers.get(key);
    const created = !customer;
    if (!customer) {
      customer = { id: ++this.nextIds.customer, goodsOwnerId, customerNumber };
      this.customers.set(key, customer);
    }
    return {
      text: `Customer with customer number '${customerNumber}' and ID '${customer.id}' ${created ? "created" : "updated"}. <br/> <br/>`,
      customerId: customer.id,
    };
  }

  /** Sets (numberOfItems) or changes (delta) the physical stock of an article. */
  adjustStock(
    goodsOwnerId: number,
    articleNumber: string,
    change: { numberOfItems?: number; delta?: number; cause?: "adjustment" | "inbound" },
  ): SandboxArticle {
    const article = this.findArticle(goodsOwnerId, articleNumber);
    if (!article) throw new SandboxError(404, `No article ${articleNumber} for goods owner ${goodsOwnerId}.`);
    const target = change.numberOfItems ?? article.numberOfItems + (change.delta ?? 0);
    if (!Number.isFinite(target) || target < 0) throw new SandboxError(400, "Physical stock cannot become negative.");
    const delta = target - article.numberOfItems;
    const stamp = this.now().toISOString();
    article.numberOfItems = target;
    article.stockInfoChangedAt = stamp;
    const cause = change.cause ?? "adjustment";
    if (cause === "inbound" && delta > 0) article.lastInDate = stamp;
    this.onChange({ type: "stock-adjusted", article, delta, cause });
    return article;
  }

  /** Moves an order to another status, as the warehouse would. */
  setOrderStatus(
    orderId: number,
    number: number,
    shipment: { waybill?: string; trackingUrl?: string; parcelNumber?: string } = {},
  ): SandboxOrder {
    const order = this.orders.get(orderId);
    if (!order) throw new SandboxError(404, `No order with id ${orderId}.`);
    if (!this.orderStatuses.some((s) => s.number === number)) throw new SandboxError(400, `Order status ${number} is not in this warehouse's status list.`);
    if (order.status === CANCELLED_STATUS) throw new SandboxError(409, `Order ${order.orderNumber} is cancelled.`);
    if (number === CANCELLED_STATUS && order.status >= SENT_STATUS) {
      throw new SandboxError(409, `Order ${order.orderNumber} has been sent and cannot be cancelled.`);
    }
    const stamp = this.now().toISOString();
    const previousStatus = order.status;
    const picking = number >= 400 && number !== CANCELLED_STATUS && order.lines.some((l) => l.pickedNumberOfItems < l.numberOfItems);
    if (picking) for (const line of order.lines) line.pickedNumberOfItems = line.numberOfItems;
    if (number >= SENT_STATUS && number !== CANCELLED_STATUS) {
      if (!order.shippedTime) order.shippedTime = stamp;
      if (shipment.waybill) order.wayBill = shipment.waybill;
      if (shipment.waybill || shipment.trackingUrl) {
        order.tracking.push({ waybill: shipment.waybill ?? null, trackingUrl: shipment.trackingUrl ?? null, created: stamp });
        order.parcels.push({ id: ++this.nextIds.parcel, parcelNumber: shipment.parcelNumber ?? shipment.waybill ?? null, trackingUrl: shipment.trackingUrl ?? null });
      }
      if (!order.stockDeducted) {
        order.stockDeducted = true;
        for (const line of order.lines) {
          const article = this.articles.get(line.articleSystemId);
          if (article) article.numberOfItems = Math.max(0, article.numberOfItems - line.numberOfItems);
        }
      }
    }
    order.status = number;
    order.statusChangedAt = stamp;
    order.updatedAt = stamp;
    this.markStockChanged(new Set(order.lines.map((l) => l.articleSystemId)), stamp);
    if (picking) this.onChange({ type: "order-picked", order });
    if (previousStatus !== number) this.onChange({ type: "order-status-changed", order, previousStatus });
    return order;
  }

  private markStockChanged(articleSystemIds: Set<number>, stamp: string): void {
    for (const id of articleSystemIds) {
      const article = this.articles.get(id);
      if (article) article.stockInfoChangedAt = stamp;
    }
  }

  /** Orders that still hold stock for their lines: not yet sent and not cancelled. */
  private isOpen(order: SandboxOrder): boolean {
    return order.status < SENT_STATUS && order.status !== CANCELLED_STATUS;
  }

  inventoryInfo(article: SandboxArticle): Record<string, unknown> {
    let booked = 0;
    let allocated = 0;
    let picked = 0;
    let open = 0;
    for (const order of this.orders.values()) {
      for (const line of order.lines) {
        if (line.articleSystemId !== article.articleSystemId) continue;
        if (this.isOpen(order)) {
          open += line.numberOfItems;
          if (order.status < 400) booked += line.numberOfItems;
          if (order.status >= 320 && order.status < 400) allocated += line.numberOfItems;
          if (order.status >= 400) picked += line.pickedNumberOfItems;
        }
      }
    }
    return {
      numberOfItems: article.numberOfItems,
      sellableNumberOfItems: article.numberOfItems - open,
      numberOfBookedItems: booked,
      allocatedNumberOfItems: allocated,
      numberOfLockedItems: 0,
      lockedForSaleNumberOfItems: 0,
      toReceiveNumberOfItems: 0,
      pickedToBeCollectedNumberOfItems: picked,
      receivedToBeFinishedNumberOfItems: 0,
      lastInDate: article.lastInDate,
      totalStockValue: null,
      reported: null,
    };
  }
}
