// Sends the sandbox's webhooks the way Ongoing does: one configured webhook per subscription,
// the official payload shapes, a static X-Auth-Token header, and on failure Ongoing's "One day"
// retry policy (after 1, 5, 15 and 30 minutes, then every 2 hours until a day has passed),
// with all delays divided by `retryCompression` so tests need not wait a day.

import { request } from "undici";
import type { WebhookKind } from "../../ongoing/ongoing-types.js";
import type { OngoingSandboxState, SandboxArticle, SandboxChange, SandboxOrder } from "./sandbox-state.js";

export interface WebhookSubscription {
  id: number;
  url: string;
  token: string | null;
  kinds: WebhookKind[];
  /** For order webhooks: the statuses that trigger "order status is changed"; empty = all. */
  orderStatuses: number[];
  retryPolicy: "none" | "oneDay";
}

export interface WebhookDelivery { at: string; status?: number; error?: string; redelivery: boolean }

export interface WebhookEvent {
  webhookEventId: number;
  subscriptionId: number;
  kind: WebhookKind;
  payload: Record<string, unknown>;
  state: "pending" | "retrying" | "delivered" | "gave-up";
  deliveries: WebhookDelivery[];
  firstAttemptAt: number | null;
}

const MINUTE = 60_000;
const FIRST_RETRIES_MS = [1 * MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE];
const LATER_RETRY_MS = 120 * MINUTE;
const RETRY_WINDOW_MS = 24 * 60 * MINUTE;
const DELIVERY_TIMEOUT_MS = 10_000;

/** Real-time delay before retry number `retry` (1-based), or undefined when the day is over. */
export function oneDayRetryDelayMs(retry: number): number | undefined {
  let elapsed = 0;
  for (let n = 1; n <= retry; n++) {
    const delay = FIRST_RETRIES_MS[n - 1] ?? LATER_RETRY_MS;
    elapsed += delay;
    if (elapsed > RETRY_WINDOW_MS) return undefined;
    if (n === retry) return delay;
  }
  return undefined;
}

export class WebhookDispatcher {
  subscriptions: WebhookSubscription[] = [];
  events: WebhookEvent[] = [];
  retryCompression = 1;
  /** What reset() returns retryCompression to (the sandbox's start option). */
  initialRetryCompression = 1;
  private nextEventId = 1;
  private nextSubscriptionId = 1;
  private timers = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  /** First attempts go out one at a time per subscription, so a receiver sees events in order. */
  private queues = new Map<number, Promise<void>>();
  private pendingFirstAttempts = 0;

  constructor(private readonly state: OngoingSandboxState, private readonly warehouse: string, private readonly system: string) {}

  subscribe(input: { url: string; token?: string | null; kinds?: WebhookKind[]; orderStatuses?: number[]; retryPolicy?: "none" | "oneDay" }): WebhookSubscription {
    const subscription: WebhookSubscription = {
      id: this.nextSubscriptionId++,
      url: input.url,
      token: input.token ?? null,
      kinds: input.kinds?.length ? [...input.kinds] : ["order", "article", "inventory", "inbound-and-move", "picking"],
      orderStatuses: input.orderStatuses ?? [],
      retryPolicy: input.retryPolicy ?? "oneDay",
    };
    this.subscriptions.push(subscription);
    return subscription;
  }

  unsubscribe(id: number): boolean {
    const before = this.subscriptions.length;
    this.subscriptions = this.subscriptions.filter((s) => s.id !== id);
    return this.subscriptions.length < before;
  }

  /** Forgets subscriptions and events, and cancels pending retries. Event ids keep increasing. */
  reset(): void {
    this.stop();
    this.subscriptions = [];
    this.events = [];
    this.queues.clear();
    this.retryCompression = this.initialRetryCompression;
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Nothing is being sent right now and no retry is waiting. */
  idle(): boolean {
    return this.inFlight === 0 && this.pendingFirstAttempts === 0 && this.timers.size === 0;
  }

  handle(change: SandboxChange): void {
    for (const subscription of this.subscriptions) {
      for (const { kind, payload } of this.payloadsFor(subscription, change)) {
        const event: WebhookEvent = {
          webhookEventId: this.nextEventId++,
          subscriptionId: subscription.id,
          kind,
          payload: {},
          state: "pending",
          deliveries: [],
          firstAttemptAt: null,
        };
        event.payload = { ...payload(subscription.id, event.webhookEventId) };
        this.events.push(event);
        this.enqueueFirstAttempt(subscription.id, event);
      }
    }
  }

  /** Sends an already delivered (or failed) event again, `times` times, as a duplicate would arrive. */
  async redeliver(webhookEventId: number, times = 1): Promise<WebhookDelivery[]> {
    const event = this.events.find((e) => e.webhookEventId === webhookEventId);
    if (!event) throw new Error(`No webhook event ${webhookEventId}`);
    const subscription = this.subscriptions.find((s) => s.id === event.subscriptionId);
    if (!subscription) throw new Error(`The subscription of webhook event ${webhookEventId} was removed`);
    const results: WebhookDelivery[] = [];
    for (let i = 0; i < times; i++) results.push(await this.send(subscription, event, true));
    return results;
  }

  private enqueueFirstAttempt(subscriptionId: number, event: WebhookEvent): void {
    this.pendingFirstAttempts++;
    const previous = this.queues.get(subscriptionId) ?? Promise.resolve();
    const next = previous.then(() => this.attempt(event, 0)).finally(() => this.pendingFirstAttempts--);
    this.queues.set(subscriptionId, next);
  }

  private async attempt(event: WebhookEvent, retry: number): Promise<void> {
    const subscription = this.subscriptions.find((s) => s.id === event.subscriptionId);
    if (!subscription) return;
    event.firstAttemptAt ??= Date.now();
    const delivery = await this.send(subscription, event, false);
    if (delivery.status !== undefined && delivery.status >= 200 && delivery.status < 300) {
      event.state = "delivered";
      return;
    }
    const delay = subscription.retryPolicy === "oneDay" ? oneDayRetryDelayMs(retry + 1) : undefined;
    if (delay === undefined) {
      event.state = "gave-up";
      return;
    }
    event.state = "retrying";
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(event, retry + 1);
    }, Math.max(1, Math.round(delay / this.retryCompression)));
    this.timers.add(timer);
  }

  private async send(subscription: WebhookSubscription, event: WebhookEvent, redelivery: boolean): Promise<WebhookDelivery> {
    const delivery: WebhookDelivery = { at: new Date().toISOString(), redelivery };
    this.inFlight++;
    try {
      const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8", "user-agent": "OngoingWMS-Sandbox-Webhooks" };
      if (subscription.token) headers["x-auth-token"] = subscription.token;
      const response = await request(subscription.url, {
        method: "POST",
        headers,
        body: JSON.stringify(event.payload),
        headersTimeout: DELIVERY_TIMEOUT_MS,
        bodyTimeout: DELIVERY_TIMEOUT_MS,
      });
      await response.body.dump();
      delivery.status = response.statusCode;
    } catch (err) {
      delivery.error = (err as Error)?.message ?? String(err);
    } finally {
      this.inFlight--;
    }
    event.deliveries.push(delivery);
    return delivery;
  }

  private payloadsFor(
    subscription: WebhookSubscription,
    change: SandboxChange,
  ): Array<{ kind: WebhookKind; payload: (webhookId: number, eventId: number) => Record<string, unknown> }> {
    const wants = (kind: WebhookKind) => subscription.kinds.includes(kind);
    switch (change.type) {
      case "order-created":
        return wants("order") ? [{ kind: "order", payload: (w, e) => this.orderPayload(w, e, change.order, "OrderCreated") }] : [];
      case "order-picked": {
        const out: Array<{ kind: WebhookKind; payload: (w: number, e: number) => Record<string, unknown> }> = [];
        if (wants("order")) out.push({ kind: "order", payload: (w, e) => this.orderPayload(w, e, change.order, "OrderPicked") });
        if (wants("picking")) {
          for (const line of change.order.lines) {
            const article = this.state.articles.get(line.articleSystemId);
            if (article) out.push({ kind: "picking", payload: (w, e) => this.pickingPayload(w, e, change.order, article, line.pickedNumberOfItems) });
          }
        }
        return out;
      }
      case "order-status-changed": {
        if (!wants("order")) return [];
        const selected = subscription.orderStatuses;
        if (selected.length > 0 && !selected.includes(change.order.status)) return [];
        return [{ kind: "order", payload: (w, e) => this.orderPayload(w, e, change.order, "OrderStatusChanged") }];
      }
      case "article-created":
      case "article-updated":
        return wants("article") ? [{ kind: "article", payload: (w, e) => this.articlePayload(w, e, change.article, change.type) }] : [];
      case "stock-adjusted":
        if (change.cause === "inbound") {
          return wants("inbound-and-move") ? [{ kind: "inbound-and-move", payload: (w, e) => this.movePayload(w, e, change.article, change.delta) }] : [];
        }
        return wants("inventory") ? [{ kind: "inventory", payload: (w, e) => this.inventoryPayload(w, e, change.article, change.delta) }] : [];
    }
  }

  /** Ongoing's webhook timestamps: UTC without a zone designator, seven fraction digits. */
  private timestamp(): string {
    return this.state.now().toISOString().replace(/\.(\d{3})Z$/, ".$10000");
  }

  private common(eventId: number, goodsOwnerId: number) {
    return {
      webhookEventId: eventId,
      system: this.system,
      timestamp: this.timestamp(),
      goodsOwnerId,
    };
  }

  private goodsOwnerName(goodsOwnerId: number): string | null {
    return this.state.goodsOwners.get(goodsOwnerId)?.name ?? null;
  }

  private actor() {
    return { byUser: { userId: 1 }, byComputer: { computerId: 1, computerName: "SANDBOX" } };
  }

  private orderPayload(webhookId: number, eventId: number, order: SandboxOrder, template: string): Record<string, unknown> {
    return {
      webhookOrdersId: webhookId,
      ...this.common(eventId, order.goodsOwnerId),
      orderId: order.orderId,
      orderNumber: order.orderNumber,
      path: `/${this.warehouse}/api/v1/orders/${order.orderId}`,
      ...this.actor(),
      orderStatus: { number: order.status },
      currentShipmentId: null,
      webhookTemplate: template,
      goodsOwnerName: this.goodsOwnerName(order.goodsOwnerId),
      goodsOwnerClasses: [],
      tracking: order.tracking.map((t) => ({ trackingUrl: t.trackingUrl, waybill: t.waybill, isReturn: false })),
      parcels: order.parcels.map((p) => ({ id: p.id, parcelNumber: p.parcelNumber, isReturnParcel: false, tracking: { trackingUrl: p.trackingUrl } })),
    };
  }

  private articlePayload(webhookId: number, eventId: number, article: SandboxArticle, type: string): Record<string, unknown> {
    return {
      webhookArticlesId: webhookId,
      ...this.common(eventId, article.goodsOwnerId),
      articleSystemId: article.articleSystemId,
      articleNumber: article.articleNumber,
      path: `/${this.warehouse}/api/v1/articles/${article.articleSystemId}`,
      webhookTemplate: type === "article-created" ? "ArticleCreated" : "ArticleUpdated",
    };
  }

  private articleRef(article: SandboxArticle) {
    const barCode = (article.data.barCodeInfo as { barCode?: string | null } | null | undefined)?.barCode ?? null;
    return { articleSystemId: article.articleSystemId, articleNumber: article.articleNumber, barCode };
  }

  private location() {
    return {
      location: "A1",
      locationId: 1,
      isLocked: false,
      isLockedForSale: false,
      warehouse: { warehouseId: 1, warehouseCode: this.warehouse, warehouseName: "Sandbox warehouse" },
    };
  }

  private inventoryPayload(webhookId: number, eventId: number, article: SandboxArticle, delta: number): Record<string, unknown> {
    return {
      webhookInventoryId: webhookId,
      ...this.common(eventId, article.goodsOwnerId),
      goodsOwnerName: this.goodsOwnerName(article.goodsOwnerId),
      transaction: { transactionNumberOfItems: delta, inventoryAdjustmentCause: { id: 1, code: "ADJ" }, returnRemovedByOrder: null },
      inventory: { inventoryId: eventId, isCountInventory: false, inventoryComment: null },
      article: this.articleRef(article),
      articleItem: null,
      ...this.actor(),
      purchaseOrder: null,
      location: this.location(),
      webhookTemplate: "InventoryTransaction",
    };
  }

  private movePayload(webhookId: number, eventId: number, article: SandboxArticle, delta: number): Record<string, unknown> {
    return {
      webhookMovesId: webhookId,
      ...this.common(eventId, article.goodsOwnerId),
      goodsOwnerName: this.goodsOwnerName(article.goodsOwnerId),
      isReceive: true,
      isMove: false,
      article: this.articleRef(article),
      movement: { from: null, to: this.location() },
      articleItem: { articleItemId: null, originalArticleItemId: null, numberOfItems: delta },
      ...this.actor(),
      webhookTemplate: "InboundTransaction",
    };
  }

  private pickingPayload(webhookId: number, eventId: number, order: SandboxOrder, article: SandboxArticle, numberOfItems: number): Record<string, unknown> {
    return {
      webhookPickingId: webhookId,
      ...this.common(eventId, order.goodsOwnerId),
      goodsOwnerName: this.goodsOwnerName(order.goodsOwnerId),
      orderId: order.orderId,
      orderNumber: order.orderNumber,
      isAllocated: false,
      isPicked: true,
      isPacked: false,
      isReturned: false,
      isDeleted: false,
      article: this.articleRef(article),
      articleItem: { articleItemId: null, originalArticleItemId: null, numberOfItems },
      ...this.actor(),
      webhookTemplate: "ArticlePicked",
    };
  }
}
