// The sandbox's control API under /_sandbox/: plays the warehouse staff (stock, order statuses),
// sets knobs (latency, faults, clock) and manages webhook subscriptions. JSON, no auth, and only
// reachable from the loopback interface.

import type { FastifyInstance, FastifyReply } from "fastify";
import { Type } from "typebox";
import type { TSchema } from "typebox";
import { Compile } from "typebox/compile";
import type { OrderStatus, WebhookKind } from "../../ongoing/ongoing-types.js";
import { SandboxError } from "./sandbox-state.js";
import type { OngoingSandboxState } from "./sandbox-state.js";
import type { TrafficKnobs } from "./traffic.js";
import type { WebhookDispatcher } from "./webhook-dispatcher.js";
import { articleToWire, orderToWire } from "./wire-models.js";

const Kind = Type.Union([
  Type.Literal("order"),
  Type.Literal("article"),
  Type.Literal("inventory"),
  Type.Literal("inbound-and-move"),
  Type.Literal("picking"),
]);

const StockBody = Type.Object(
  {
    goodsOwnerId: Type.Integer(),
    articleNumber: Type.String({ minLength: 1 }),
    numberOfItems: Type.Optional(Type.Number({ minimum: 0 })),
    delta: Type.Optional(Type.Number()),
    cause: Type.Optional(Type.Union([Type.Literal("adjustment"), Type.Literal("inbound")])),
  },
  { additionalProperties: false },
);

const StatusBody = Type.Object(
  {
    number: Type.Optional(Type.Integer()),
    waybill: Type.Optional(Type.String()),
    trackingUrl: Type.Optional(Type.String()),
    parcelNumber: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

const KnobsBody = Type.Object(
  {
    latencyMs: Type.Optional(Type.Integer({ minimum: 0 })),
    clockOffsetMs: Type.Optional(Type.Integer()),
    webhookRetryCompression: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    orderStatuses: Type.Optional(Type.Array(Type.Object({ number: Type.Integer(), text: Type.String() }), { minItems: 1 })),
  },
  { additionalProperties: false },
);

const FaultBody = Type.Object(
  {
    kind: Type.Union([Type.Literal("error500"), Type.Literal("tooManyRequests"), Type.Literal("hang")]),
    count: Type.Optional(Type.Integer({ minimum: 1 })),
    route: Type.Optional(Type.String()),
    retryAfter: Type.Optional(Type.String()),
    hangMs: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

const SubscriptionBody = Type.Object(
  {
    url: Type.String({ minLength: 1 }),
    token: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    kinds: Type.Optional(Type.Array(Kind)),
    orderStatuses: Type.Optional(Type.Array(Type.Integer())),
    retryPolicy: Type.Optional(Type.Union([Type.Literal("none"), Type.Literal("oneDay")])),
  },
  { additionalProperties: false },
);

const RedeliverBody = Type.Object({ times: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }, { additionalProperties: false });

const STATUS_SHORTCUTS: Record<string, number> = { release: 300, allocate: 320, pick: 400, ship: 450, collect: 500, return: 800, cancel: 1000 };

export function registerControlRoutes(
  app: FastifyInstance,
  state: OngoingSandboxState,
  traffic: TrafficKnobs,
  webhooks: WebhookDispatcher,
): void {
  app.addHook("onRequest", async (request, reply) => {
    if (!isLoopback(request.socket.remoteAddress)) return reply.code(403).send({ error: "The control API is only served on loopback." });
    return undefined;
  });

  app.post("/reset", async () => {
    state.reset();
    traffic.reset();
    webhooks.reset();
    return { ok: true };
  });

  app.get("/knobs", async () => knobs(state, traffic, webhooks));
  app.put("/knobs", async (request, reply) => {
    const body = parse(KnobsBody, request.body, reply);
    if (!body) return reply;
    if (body.latencyMs !== undefined) traffic.latencyMs = body.latencyMs;
    if (body.clockOffsetMs !== undefined) state.clockOffsetMs = body.clockOffsetMs;
    if (body.webhookRetryCompression !== undefined) webhooks.retryCompression = body.webhookRetryCompression;
    if (body.orderStatuses !== undefined) state.orderStatuses = body.orderStatuses as OrderStatus[];
    return knobs(state, traffic, webhooks);
  });

  app.post("/faults", async (request, reply) => {
    const body = parse(FaultBody, request.body, reply);
    if (!body) return reply;
    traffic.addFault(body);
    return { faults: traffic.faults };
  });
  app.delete("/faults", async () => {
    traffic.faults = [];
    traffic.releaseHanging();
    return { faults: [] };
  });

  app.get("/requests", async () => traffic.snapshot());
  app.delete("/requests", async () => {
    traffic.resetCounters();
    return traffic.snapshot();
  });

  app.get("/articles", async (request) => {
    const goodsOwnerId = Number((request.query as { goodsOwnerId?: string }).goodsOwnerId) || undefined;
    return [...state.articles.values()]
      .filter((a) => goodsOwnerId === undefined || a.goodsOwnerId === goodsOwnerId)
      .map((a) => articleToWire(state, a));
  });

  app.post("/stock", async (request, reply) => {
    const body = parse(StockBody, request.body, reply);
    if (!body) return reply;
    if ((body.numberOfItems === undefined) === (body.delta === undefined)) {
      return reply.code(400).send({ error: "Give exactly one of numberOfItems and delta." });
    }
    return guarded(reply, () => articleToWire(state, state.adjustStock(body.goodsOwnerId, body.articleNumber, body)));
  });

  app.get("/suppliers", async () => [...state.suppliers.values()]);

  app.get("/orders", async (request) => {
    const goodsOwnerId = Number((request.query as { goodsOwnerId?: string }).goodsOwnerId) || undefined;
    return [...state.orders.values()]
      .filter((o) => goodsOwnerId === undefined || o.goodsOwnerId === goodsOwnerId)
      .map((o) => orderToWire(state, o));
  });

  app.get("/orders/:orderId", async (request, reply) => {
    const order = state.orders.get(Number((request.params as { orderId: string }).orderId));
    if (!order) return reply.code(404).send({ error: "No such order." });
    return orderToWire(state, order);
  });

  app.post("/orders/:orderId/:action", async (request, reply) => {
    const { orderId, action } = request.params as { orderId: string; action: string };
    const body = parse(StatusBody, request.body ?? {}, reply);
    if (!body) return reply;
    const number = action === "status" ? body.number : STATUS_SHORTCUTS[action];
    if (number === undefined) {
      return reply.code(400).send({ error: `Unknown action '${action}'; use status (with number) or ${Object.keys(STATUS_SHORTCUTS).join(", ")}.` });
    }
    return guarded(reply, () => orderToWire(state, state.setOrderStatus(Number(orderId), number, body)));
  });

  app.get("/webhooks/subscriptions", async () => webhooks.subscriptions);
  app.post("/webhooks/subscriptions", async (request, reply) => {
    const body = parse(SubscriptionBody, request.body, reply);
    if (!body) return reply;
    try {
      new URL(body.url);
    } catch {
      return reply.code(400).send({ error: "url is not a URL." });
    }
    return reply.code(201).send(webhooks.subscribe({ ...body, kinds: body.kinds as WebhookKind[] | undefined }));
  });
  app.delete("/webhooks/subscriptions/:id", async (request, reply) => {
    const removed = webhooks.unsubscribe(Number((request.params as { id: string }).id));
    return removed ? { ok: true } : reply.code(404).send({ error: "No such subscription." });
  });

  app.get("/webhooks/events", async () => ({ idle: webhooks.idle(), events: webhooks.events }));
  app.post("/webhooks/events/:eventId/redeliver", async (request, reply) => {
    const body = parse(RedeliverBody, request.body ?? {}, reply);
    if (!body) return reply;
    try {
      const deliveries = await webhooks.redeliver(Number((request.params as { eventId: string }).eventId), body.times ?? 1);
      return { deliveries };
    } catch (err) {
      return reply.code(404).send({ error: (err as Error).message });
    }
  });
}

function knobs(state: OngoingSandboxState, traffic: TrafficKnobs, webhooks: WebhookDispatcher) {
  return {
    latencyMs: traffic.latencyMs,
    clockOffsetMs: state.clockOffsetMs,
    now: state.now().toISOString(),
    webhookRetryCompression: webhooks.retryCompression,
    orderStatuses: state.orderStatuses,
    faults: traffic.faults,
  };
}

const validators = new Map<TSchema, ReturnType<typeof Compile>>();

function parse<T extends TSchema>(schema: T, body: unknown, reply: FastifyReply): import("typebox").Static<T> | undefined {
  let validator = validators.get(schema);
  if (!validator) validators.set(schema, (validator = Compile(schema)));
  if (validator.Check(body)) return body as import("typebox").Static<T>;
  const first = (validator.Errors(body) as unknown as Array<{ instancePath: string; message: string }>)[0];
  void reply.code(400).send({ error: `Invalid body at '${first?.instancePath || "/"}': ${first?.message ?? "invalid"}` });
  return undefined;
}

function guarded<T>(reply: FastifyReply, action: () => T): T | FastifyReply {
  try {
    return action();
  } catch (err) {
    if (err instanceof SandboxError) return reply.code(err.status).send({ error: err.message });
    throw err;
  }
}

function isLoopback(address: string | undefined): boolean {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1" || (address?.startsWith("127.") ?? false);
}
