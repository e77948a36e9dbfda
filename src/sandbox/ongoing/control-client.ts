// Typed client for the Ongoing sandbox's control API, for end-to-end tests and the demo.

import { request } from "undici";
import type { GetArticleModel, GetOrderModel, OrderStatus, WebhookKind } from "../../ongoing/ongoing-types.js";
import type { SandboxSupplier } from "./sandbox-state.js";
import type { Fault, FaultKind } from "./traffic.js";
import type { WebhookDelivery, WebhookEvent, WebhookSubscription } from "./webhook-dispatcher.js";

export interface SandboxKnobs {
  latencyMs: number;
  clockOffsetMs: number;
  now: string;
  webhookRetryCompression: number;
  orderStatuses: OrderStatus[];
  faults: Fault[];
}

export interface SandboxRequestStats {
  total: number;
  byRoute: Record<string, number>;
  inFlight: number;
  maxInFlight: number;
  maxInFlightByGoodsOwner: Record<string, number>;
}

export interface ShipmentInfo { waybill?: string; trackingUrl?: string; parcelNumber?: string }

export interface OngoingSandboxControl {
  reset(): Promise<void>;
  knobs(): Promise<SandboxKnobs>;
  setKnobs(knobs: Partial<Pick<SandboxKnobs, "latencyMs" | "clockOffsetMs" | "webhookRetryCompression" | "orderStatuses">>): Promise<SandboxKnobs>;
  injectFault(fault: { kind: FaultKind; count?: number; route?: string; retryAfter?: string; hangMs?: number }): Promise<void>;
  clearFaults(): Promise<void>;
  requests(): Promise<SandboxRequestStats>;
  resetRequestCounts(): Promise<void>;
  /** Sets the physical stock (numberOfItems) or changes it (delta); cause "inbound" reports a receipt. */
  adjustStock(input: { goodsOwnerId: number; articleNumber: string; numberOfItems?: number; delta?: number; cause?: "adjustment" | "inbound" }): Promise<GetArticleModel>;
  articles(goodsOwnerId?: number): Promise<GetArticleModel[]>;
  suppliers(): Promise<SandboxSupplier[]>;
  orders(goodsOwnerId?: number): Promise<GetOrderModel[]>;
  order(orderId: number): Promise<GetOrderModel>;
  setOrderStatus(orderId: number, number: number, shipment?: ShipmentInfo): Promise<GetOrderModel>;
  release(orderId: number): Promise<GetOrderModel>;
  pick(orderId: number): Promise<GetOrderModel>;
  ship(orderId: number, shipment?: ShipmentInfo): Promise<GetOrderModel>;
  collect(orderId: number): Promise<GetOrderModel>;
  cancel(orderId: number): Promise<GetOrderModel>;
  subscribeWebhooks(input: { url: string; token?: string; kinds?: WebhookKind[]; orderStatuses?: number[]; retryPolicy?: "none" | "oneDay" }): Promise<WebhookSubscription>;
  unsubscribeWebhooks(id: number): Promise<void>;
  webhookEvents(): Promise<{ idle: boolean; events: WebhookEvent[] }>;
  redeliverWebhook(webhookEventId: number, times?: number): Promise<WebhookDelivery[]>;
  /** Waits until no webhook is being sent or waiting for a retry. */
  waitForWebhooksIdle(timeoutMs?: number): Promise<WebhookEvent[]>;
}

export class SandboxControlError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = "SandboxControlError";
  }
}

/** `baseUrl` may be the sandbox origin, its control URL or its REST API URL. */
export function createOngoingSandboxControl(baseUrl: string): OngoingSandboxControl {
  const root = `${new URL(baseUrl).origin}/_sandbox`;

  async function call<T>(method: "GET" | "POST" | "PUT" | "DELETE", path: string, body?: unknown): Promise<T> {
    const response = await request(root + path, {
      method,
      headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    });
    const text = await response.body.text();
    const json = text ? JSON.parse(text) : undefined;
    if (response.statusCode >= 400) {
      throw new SandboxControlError(response.statusCode, (json as { error?: string } | undefined)?.error ?? `HTTP ${response.statusCode}`);
    }
    return json as T;
  }

  const status = (orderId: number, action: string, shipment?: ShipmentInfo) =>
    call<GetOrderModel>("POST", `/orders/${orderId}/${action}`, shipment ?? {});
  const goodsOwnerQuery = (id?: number) => (id === undefined ? "" : `?goodsOwnerId=${id}`);

  return {
    reset: async () => void (await call("POST", "/reset", {})),
    knobs: () => call("GET", "/knobs"),
    setKnobs: (knobs) => call("PUT", "/knobs", knobs),
    injectFault: async (fault) => void (await call("POST", "/faults", fault)),
    clearFaults: async () => void (await call("DELETE", "/faults")),
    requests: () => call("GET", "/requests"),
    resetRequestCounts: async () => void (await call("DELETE", "/requests")),
    adjustStock: (input) => call("POST", "/stock", input),
    articles: (goodsOwnerId) => call("GET", `/articles${goodsOwnerQuery(goodsOwnerId)}`),
    suppliers: () => call("GET", "/suppliers"),
    orders: (goodsOwnerId) => call("GET", `/orders${goodsOwnerQuery(goodsOwnerId)}`),
    order: (orderId) => call("GET", `/orders/${orderId}`),
    setOrderStatus: (orderId, number, shipment) => call("POST", `/orders/${orderId}/status`, { ...shipment, number }),
    release: (orderId) => status(orderId, "release"),
    pick: (orderId) => status(orderId, "pick"),
    ship: (orderId, shipment) => status(orderId, "ship", shipment),
    collect: (orderId) => status(orderId, "collect"),
    cancel: (orderId) => status(orderId, "cancel"),
    subscribeWebhooks: (input) => call("POST", "/webhooks/subscriptions", input),
    unsubscribeWebhooks: async (id) => void (await call("DELETE", `/webhooks/subscriptions/${id}`)),
    webhookEvents: () => call("GET", "/webhooks/events"),
    redeliverWebhook: async (id, times) => (await call<{ deliveries: WebhookDelivery[] }>("POST", `/webhooks/events/${id}/redeliver`, { times })).deliveries,
    async waitForWebhooksIdle(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { idle, events } = await call<{ idle: boolean; events: WebhookEvent[] }>("GET", "/webhooks/events");
        if (idle) return events;
        if (Date.now() > deadline) throw new Error(`Webhooks still busy after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}
