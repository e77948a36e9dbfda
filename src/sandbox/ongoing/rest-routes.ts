// The subset of Ongoing's REST API v1 that the bridge uses, with the real service's rules.

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { PostArticleModelSchema, PostOrderModelSchema, validateModel } from "./request-schemas.js";
import { SandboxError } from "./sandbox-state.js";
import type { OngoingSandboxState, SandboxUser } from "./sandbox-state.js";
import type { TrafficKnobs } from "./traffic.js";
import { articleToWire, orderToWire } from "./wire-models.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const DENIED = "Authorization has been denied for this request.";

declare module "fastify" {
  interface FastifyRequest {
    ongoingUser?: SandboxUser;
  }
}

type Query = Record<string, string | string[] | undefined>;

export function registerRestRoutes(app: FastifyInstance, state: OngoingSandboxState, traffic: TrafficKnobs): void {
  app.addHook("preHandler", async (request, reply) => {
    const route = `${request.method} ${routeWithinApi(request)}`;
    const end = traffic.begin(route, goodsOwnerOf(request, state));
    reply.raw.once("close", end);

    const user = authenticate(state, request.headers.authorization);
    if (!user) {
      reply.header("www-authenticate", 'Basic realm="Ongoing WMS"');
      return reply.code(401).send({ Message: DENIED });
    }
    request.ongoingUser = user;

    if (traffic.latencyMs > 0) await sleep(traffic.latencyMs);
    const fault = traffic.takeFault(route);
    if (fault?.kind === "error500") return reply.code(500).send({ Message: "An error has occurred." });
    if (fault?.kind === "tooManyRequests") {
      if (fault.retryAfter !== undefined) reply.header("retry-after", fault.retryAfter);
      return reply.code(429).send({ Message: "Too many requests." });
    }
    if (fault?.kind === "hang") {
      const clientGone = new Promise<void>((resolve) => request.raw.socket.once("close", () => resolve()));
      await traffic.hang(fault.hangMs ?? 5 * 60_000, clientGone);
      if (request.raw.socket.destroyed) return reply.hijack();
      return reply.code(504).send({ Message: "The operation has timed out." });
    }
    return undefined;
  });

  app.put("/articles", async (request, reply) => {
    const checked = validateModel<Record<string, unknown>>(PostArticleModelSchema, request.body);
    if (!checked.ok) return invalid(reply, checked.field, checked.message);
    const goodsOwnerId = checked.value.goodsOwnerId as number;
    if (!allowed(request, goodsOwnerId)) return forbidden(reply, goodsOwnerId);
    const result = state.upsertArticle(goodsOwnerId, checked.value);
    return reply.code(200).send({ articleSystemId: result.articleSystemId, message: result.message });
  });

  app.get("/articles", async (request, reply) => {
    const query = request.query as Query;
    const goodsOwnerId = intParam(query.goodsOwnerId);
    if (goodsOwnerId === undefined) return invalid(reply, "goodsOwnerId", "The goodsOwnerId parameter is required.");
    if (!allowed(request, goodsOwnerId)) return forbidden(reply, goodsOwnerId);
    const from = intParam(query.articleSystemIdFrom) ?? 0;
    const max = intParam(query.maxArticlesToGet);
    const numbers = listParam(query.articleNumbers).concat(listParam(query.articleNumber));
    let changedFrom: number | undefined;
    if (query.stockInfoChangedFrom !== undefined) {
      changedFrom = Date.parse(String(query.stockInfoChangedFrom));
      if (Number.isNaN(changedFrom)) return invalid(reply, "stockInfoChangedFrom", "stockInfoChangedFrom is not a valid date.");
      if (state.now().getTime() - changedFrom > DAY_MS) {
        return reply.code(400).send({ Message: "stockInfoChangedFrom must be within 24 hours of the current time." });
      }
    }
    const onlyInStock = query.onlyArticlesInStock === "true";
    let articles = [...state.articles.values()]
      .filter((a) => a.goodsOwnerId === goodsOwnerId && a.articleSystemId >= from)
      .filter((a) => numbers.length === 0 || numbers.includes(a.articleNumber))
      .filter((a) => changedFrom === undefined || Date.parse(a.stockInfoChangedAt) >= changedFrom)
      .filter((a) => !onlyInStock || a.numberOfItems > 0)
      .sort((a, b) => a.articleSystemId - b.articleSystemId);
    if (max !== undefined) articles = articles.slice(0, max);
    return articles.map((a) => articleToWire(state, a));
  });

  app.get("/articles/:articleSystemId", async (request, reply) => {
    const id = intParam((request.params as Query).articleSystemId);
    const article = id === undefined ? undefined : state.articles.get(id);
    if (!article || !allowed(request, article.goodsOwnerId)) return notFound(reply, `No article with articleSystemId ${String(id)} was found.`);
    return articleToWire(state, article);
  });

  app.put("/orders", async (request, reply) => {
    const checked = validateModel<Record<string, unknown>>(PostOrderModelSchema, request.body);
    if (!checked.ok) return invalid(reply, checked.field, checked.message);
    const goodsOwnerId = checked.value.goodsOwnerId as number;
    if (!allowed(request, goodsOwnerId)) return forbidden(reply, goodsOwnerId);
    try {
      const result = state.upsertOrder(goodsOwnerId, checked.value);
      return reply.code(result.status).send({ orderId: result.orderId, message: result.message });
    } catch (err) {
      if (err instanceof SandboxError) return reply.code(err.status).send({ Message: err.message });
      throw err;
    }
  });

  app.get("/orders/statuses", async () => ({ orderStatuses: state.orderStatuses }));

  app.get("/orders", async (request, reply) => {
    const query = request.query as Query;
    const goodsOwnerId = intParam(query.goodsOwnerId);
    if (goodsOwnerId === undefined) return invalid(reply, "goodsOwnerId", "The goodsOwnerId parameter is required.");
    if (!allowed(request, goodsOwnerId)) return forbidden(reply, goodsOwnerId);
    const numbers = listParam(query.orderNumber).concat(listParam(query.orderNumbers));
    const from = intParam(query.orderIdFrom) ?? 0;
    const max = intParam(query.maxOrdersToGet);
    const statusFrom = intParam(query.orderStatusFrom);
    const statusTo = intParam(query.orderStatusTo);
    const times: Record<string, number | undefined> = {};
    for (const name of ["orderStatusChangedTimeFrom", "shippedTimeFrom", "shippedTimeTo", "orderCreatedTimeFrom", "orderCreatedTimeTo"]) {
      if (query[name] === undefined) continue;
      const t = Date.parse(String(query[name]));
      if (Number.isNaN(t)) return invalid(reply, name, `${name} is not a valid date.`);
      times[name] = t;
    }
    const within = (value: string | null, fromT?: number, toT?: number) =>
      (fromT === undefined && toT === undefined) ||
      (value !== null && (fromT === undefined || Date.parse(value) >= fromT) && (toT === undefined || Date.parse(value) <= toT));
    let orders = [...state.orders.values()]
      .filter((o) => o.goodsOwnerId === goodsOwnerId && o.orderId >= from)
      .filter((o) => numbers.length === 0 || numbers.includes(o.orderNumber))
      .filter((o) => (statusFrom === undefined || o.status >= statusFrom) && (statusTo === undefined || o.status <= statusTo))
      .filter((o) => within(o.statusChangedAt, times.orderStatusChangedTimeFrom))
      .filter((o) => within(o.shippedTime, times.shippedTimeFrom, times.shippedTimeTo))
      .filter((o) => within(o.createdAt, times.orderCreatedTimeFrom, times.orderCreatedTimeTo))
      .sort((a, b) => a.orderId - b.orderId);
    if (max !== undefined) orders = orders.slice(0, max);
    return orders.map((o) => orderToWire(state, o));
  });

  app.get("/orders/:orderId", async (request, reply) => {
    const id = intParam((request.params as Query).orderId);
    const order = id === undefined ? undefined : state.orders.get(id);
    if (!order || !allowed(request, order.goodsOwnerId)) return notFound(reply, `No order with orderId ${String(id)} was found.`);
    return orderToWire(state, order);
  });
}

function routeWithinApi(request: FastifyRequest): string {
  const url = request.routeOptions.url ?? request.url.split("?")[0];
  return url.replace(/^\/[^/]+\/api\/v1/, "");
}

function goodsOwnerOf(request: FastifyRequest, state: OngoingSandboxState): number | undefined {
  const fromQuery = intParam((request.query as Query | undefined)?.goodsOwnerId);
  if (fromQuery !== undefined) return fromQuery;
  const body = request.body as { goodsOwnerId?: unknown } | undefined;
  const fromBody = typeof body?.goodsOwnerId === "string" ? intParam(body.goodsOwnerId) : body?.goodsOwnerId;
  if (typeof fromBody === "number" && Number.isInteger(fromBody)) return fromBody;
  // Calls by id carry no goods owner; a user with a single goods owner makes it unambiguous.
  const user = authenticate(state, request.headers.authorization);
  return user?.goodsOwnerIds.length === 1 ? user.goodsOwnerIds[0] : undefined;
}

function authenticate(state: OngoingSandboxState, header: string | undefined): SandboxUser | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return state.authenticate(decoded.slice(0, colon), decoded.slice(colon + 1));
}

function allowed(request: FastifyRequest, goodsOwnerId: number): boolean {
  return request.ongoingUser?.goodsOwnerIds.includes(goodsOwnerId) ?? false;
}

function invalid(reply: FastifyReply, field: string, message: string) {
  return reply.code(400).send({ Message: `The request is invalid. ${message}`, ModelState: { [`model.${field}`]: [message] } });
}

function forbidden(reply: FastifyReply, goodsOwnerId: number) {
  return reply.code(403).send({ Message: `The user does not have access to goods owner ${goodsOwnerId}.` });
}

function notFound(reply: FastifyReply, message: string) {
  return reply.code(404).send({ Message: message });
}

function intParam(value: unknown): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw === "number" && Number.isInteger(raw)) return raw;
  if (typeof raw !== "string" || !/^-?\d+$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}

function listParam(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).filter((v) => v !== "");
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
