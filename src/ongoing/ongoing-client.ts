// Client for Ongoing WMS's goods-owner REST API v1 (https://api.ongoingsystems.se/{warehouse}/api/v1).
// One client serves one goods owner. Its calls take turns with every other call for the same
// goods owner in this process (see serial-queue.ts); transient failures are retried with backoff.

import { Agent, request } from "undici";
import type { Dispatcher } from "undici";
import {
  OngoingHttpError,
  OngoingNetworkError,
  OngoingProtocolError,
  OngoingRequestError,
  OngoingTimeoutError,
  isTransientStatus,
} from "./errors.js";
import type { OngoingError } from "./errors.js";
import type {
  GetArticleModel,
  GetOrderModel,
  OrderStatus,
  PostArticleModel,
  PostOrderModel,
} from "./ongoing-types.js";
import { backoffDelayMs, defaultRetryOptions, parseRetryAfter } from "./retry-policy.js";
import type { RetryOptions } from "./retry-policy.js";
import { runInTurn } from "./serial-queue.js";

export interface OngoingClientOptions {
  /** e.g. https://api.ongoingsystems.se/{warehouse}/api/v1 (a trailing slash is fine). */
  baseUrl: string;
  username: string;
  password: string;
  goodsOwnerId: number;
  userAgent?: string;
  /** Limit for one attempt, from sending the request to the end of the answer. */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
}

/** A model as the bridge builds it; the client fills in its own goods owner id. */
export type ArticleInput = Omit<PostArticleModel, "goodsOwnerId"> & { goodsOwnerId?: number };
export type OrderInput = Omit<PostOrderModel, "goodsOwnerId"> & { goodsOwnerId?: number };

export interface PutArticleResult { articleSystemId: number; message: string | null }
export interface PutOrderResult {
  orderId: number;
  message: string | null;
  /** True when Ongoing answered 201; Ongoing may also answer 200 for a new order. */
  created: boolean;
}

export interface ListOrdersFilter {
  orderStatusFrom?: number;
  orderStatusTo?: number;
  orderStatusChangedTimeFrom?: Date | string;
  shippedTimeFrom?: Date | string;
  /** maxOrdersToGet per request. */
  pageSize?: number;
}

export interface ListArticlesFilter {
  /** Must be within 24 hours of now; for anything older, list all articles instead. */
  stockInfoChangedFrom?: Date | string;
  articleNumbers?: string[];
  /** maxArticlesToGet per request. */
  pageSize?: number;
}

export interface OngoingClient {
  readonly goodsOwnerId: number;
  putArticle(model: ArticleInput): Promise<PutArticleResult>;
  putOrder(model: OrderInput): Promise<PutOrderResult>;
  getOrder(orderId: number): Promise<GetOrderModel>;
  findOrderByNumber(orderNumber: string): Promise<GetOrderModel | null>;
  /** Pages through matching orders by ID cursor, one request per page, in orderId order. */
  listOrders(filter?: ListOrdersFilter): AsyncIterable<GetOrderModel>;
  getOrderStatuses(): Promise<OrderStatus[]>;
  /** Pages through matching articles by ID cursor, in articleSystemId order. */
  listArticles(filter?: ListArticlesFilter): AsyncIterable<GetArticleModel>;
  /** HTTP requests sent so far, retries included. */
  calls(): number;
  close(): Promise<void>;
}

export const STOCK_INFO_WINDOW_MS = 24 * 60 * 60 * 1000;
const DEFAULT_PAGE_SIZE = 500;
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_USER_AGENT = "ongoing-finago-bridge/0.1.0";

type Query = Record<string, string | number | boolean | string[] | undefined>;

interface CallSpec {
  method: "GET" | "PUT";
  path: string;
  query?: Query;
  body?: unknown;
}

interface CallResult { status: number; json: unknown }

export function createOngoingClient(options: OngoingClientOptions): OngoingClient {
  validateOptions(options);
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const goodsOwnerId = options.goodsOwnerId;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retry: RetryOptions = { ...defaultRetryOptions, ...options.retry };
  const authorization = "Basic " + Buffer.from(`${options.username}:${options.password}`, "utf8").toString("base64");
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const queueKey = `${baseUrl}#${goodsOwnerId}`;
  const dispatcher: Dispatcher = new Agent({
    connectTimeout: timeoutMs,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 10_000,
  });
  let callCount = 0;

  async function attempt(spec: CallSpec): Promise<CallResult> {
    const url = baseUrl + spec.path + queryString(spec.query);
    const headers: Record<string, string> = {
      authorization,
      accept: "application/json",
      "user-agent": userAgent,
    };
    let body: string | undefined;
    if (spec.body !== undefined) {
      body = JSON.stringify(spec.body);
      headers["content-type"] = "application/json; charset=utf-8";
    }
    const signal = AbortSignal.timeout(timeoutMs);
    callCount++;
    let status: number;
    let text: string;
    let retryAfter: string | string[] | undefined;
    try {
      const response = await request(url, { method: spec.method, headers, body, dispatcher, signal });
      status = response.statusCode;
      retryAfter = response.headers["retry-after"];
      text = await response.body.text();
    } catch (err) {
      if (signal.aborted || isUndiciTimeout(err)) {
        throw new OngoingTimeoutError(timeoutMs, spec.method, spec.path, { cause: err });
      }
      throw new OngoingNetworkError(
        `${spec.method} ${spec.path} failed: ${(err as Error)?.message ?? String(err)}`,
        spec.method,
        spec.path,
        { cause: err },
      );
    }
    if (status < 200 || status > 299) {
      throw new OngoingHttpError(
        status,
        describeErrorBody(status, text),
        spec.method,
        spec.path,
        isTransientStatus(status) ? parseRetryAfter(retryAfter) : undefined,
      );
    }
    const json = parseJsonBody(text);
    if (json === undefined) {
      throw new OngoingProtocolError(
        `${spec.method} ${spec.path} answered ${status} with a body that is not JSON`,
        spec.method,
        spec.path,
        status,
      );
    }
    return { status, json };
  }

  async function withRetries(spec: CallSpec): Promise<CallResult> {
    for (let attemptNo = 1; ; attemptNo++) {
      try {
        return await attempt(spec);
      } catch (err) {
        const failure = err as OngoingError;
        const retryable = failure instanceof OngoingNetworkError || (failure instanceof OngoingHttpError && failure.transient);
        if (!retryable || attemptNo >= retry.attempts) throw failure;
        const asked = failure instanceof OngoingHttpError ? failure.retryAfterMs : undefined;
        // A Retry-After longer than we are willing to wait goes back to the caller, who can
        // reschedule the work instead of holding this goods owner's queue.
        if (asked !== undefined && asked > retry.maxDelayMs) throw failure;
        await sleep(asked ?? backoffDelayMs(attemptNo, retry));
      }
    }
  }

  function call(spec: CallSpec): Promise<CallResult> {
    return runInTurn(queueKey, () => withRetries(spec));
  }

  function withGoodsOwner<T extends { goodsOwnerId?: number }>(model: T, what: string): T & { goodsOwnerId: number } {
    if (model === null || typeof model !== "object") throw new OngoingRequestError(`${what} must be an object`);
    if (model.goodsOwnerId !== undefined && model.goodsOwnerId !== goodsOwnerId) {
      throw new OngoingRequestError(
        `${what} is for goods owner ${model.goodsOwnerId}, but this client serves goods owner ${goodsOwnerId}`,
      );
    }
    return { ...model, goodsOwnerId };
  }

  async function* paged<T>(
    path: string,
    query: Query,
    cursorParam: string,
    sizeParam: string,
    pageSize: number,
    idOf: (item: T) => number,
  ): AsyncGenerator<T> {
    let cursor = 0;
    for (;;) {
      const { json } = await call({ method: "GET", path, query: { ...query, [cursorParam]: cursor, [sizeParam]: pageSize } });
      const page = expectArray<T>(json, path);
      if (page.length === 0) return;
      let maxId = cursor - 1;
      for (const item of page) {
        const id = idOf(item);
        if (!Number.isInteger(id)) throw new OngoingProtocolError(`GET ${path} returned an item without an id`, "GET", path, 200);
        if (id > maxId) maxId = id;
      }
      // A page that does not move the cursor forward would loop for ever.
      if (maxId < cursor) throw new OngoingProtocolError(`GET ${path} returned ids below ${cursorParam}=${cursor}`, "GET", path, 200);
      yield* page;
      cursor = maxId + 1;
    }
  }

  /** A PUT upsert; a 2xx without the id of what was written is a protocol error (proxies do that). */
  async function upsert(path: string, body: unknown, idMember: "articleSystemId" | "orderId") {
    const { status, json } = await call({ method: "PUT", path, body });
    const response = json as Record<string, unknown> | null;
    const id = response?.[idMember];
    if (typeof id !== "number" || !Number.isInteger(id)) {
      throw new OngoingProtocolError(`PUT ${path} answered ${status} without an ${idMember}`, "PUT", path, status);
    }
    return { id, status, message: typeof response?.message === "string" ? response.message : null };
  }

  return {
    goodsOwnerId,

    async putArticle(model) {
      const body = withGoodsOwner(model, "Article");
      if (typeof body.articleNumber !== "string" || body.articleNumber.length === 0) {
        throw new OngoingRequestError("Article needs an articleNumber");
      }
      const { id: articleSystemId, message } = await upsert("/articles", body, "articleSystemId");
      return { articleSystemId, message };
    },

    async putOrder(model) {
      const body = withGoodsOwner(model, "Order");
      if (typeof body.orderNumber !== "string" || body.orderNumber.length === 0) {
        throw new OngoingRequestError("Order needs an orderNumber");
      }
      const { id: orderId, message, status } = await upsert("/orders", body, "orderId");
      return { orderId, message, created: status === 201 };
    },

    async getOrder(orderId) {
      if (!Number.isInteger(orderId) || orderId <= 0) throw new OngoingRequestError(`Invalid orderId ${orderId}`);
      const path = `/orders/${orderId}`;
      const { json } = await call({ method: "GET", path });
      return expectOrder(json, path);
    },

    async findOrderByNumber(orderNumber) {
      if (typeof orderNumber !== "string" || orderNumber.length === 0) throw new OngoingRequestError("orderNumber must not be empty");
      const { json } = await call({ method: "GET", path: "/orders", query: { goodsOwnerId, orderNumber } });
      const orders = expectArray<GetOrderModel>(json, "/orders");
      const match = orders.find((o) => o?.orderInfo?.orderNumber === orderNumber);
      return match ? expectOrder(match, "/orders") : null;
    },

    listOrders(filter = {}) {
      const query: Query = {
        goodsOwnerId,
        orderStatusFrom: filter.orderStatusFrom,
        orderStatusTo: filter.orderStatusTo,
        orderStatusChangedTimeFrom: formatTime(filter.orderStatusChangedTimeFrom),
        shippedTimeFrom: formatTime(filter.shippedTimeFrom),
      };
      const pageSize = checkPageSize(filter.pageSize);
      return checkedEach(paged<GetOrderModel>("/orders", query, "orderIdFrom", "maxOrdersToGet", pageSize, (o) => o?.orderInfo?.orderId), expectOrder, "/orders");
    },

    async getOrderStatuses() {
      const { json } = await call({ method: "GET", path: "/orders/statuses" });
      const list = (json as { orderStatuses?: unknown } | null)?.orderStatuses;
      if (!Array.isArray(list)) {
        throw new OngoingProtocolError("GET /orders/statuses answered without orderStatuses", "GET", "/orders/statuses", 200);
      }
      return list
        .filter((s): s is OrderStatus => s !== null && typeof s === "object" && Number.isInteger((s as OrderStatus).number))
        .map((s) => ({ number: s.number, text: typeof s.text === "string" ? s.text : null }));
    },

    listArticles(filter = {}) {
      let stockInfoChangedFrom: string | undefined;
      if (filter.stockInfoChangedFrom !== undefined) {
        const from = toDate(filter.stockInfoChangedFrom);
        if (Date.now() - from.getTime() > STOCK_INFO_WINDOW_MS) {
          throw new OngoingRequestError(
            `stockInfoChangedFrom ${from.toISOString()} is more than 24 hours ago; Ongoing only accepts the last 24 hours, list all articles instead`,
          );
        }
        stockInfoChangedFrom = formatTime(from);
      }
      const articleNumbers = filter.articleNumbers;
      if (articleNumbers !== undefined && (!Array.isArray(articleNumbers) || articleNumbers.some((n) => typeof n !== "string" || n === ""))) {
        throw new OngoingRequestError("articleNumbers must be non-empty strings");
      }
      const query: Query = { goodsOwnerId, stockInfoChangedFrom, articleNumbers };
      const pageSize = checkPageSize(filter.pageSize);
      return checkedEach(paged<GetArticleModel>("/articles", query, "articleSystemIdFrom", "maxArticlesToGet", pageSize, (a) => a?.articleSystemId), expectArticle, "/articles");
    },

    calls: () => callCount,

    close: () => dispatcher.close(),
  };
}

/** Collects an async iterable (e.g. listOrders) into an array. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

function validateOptions(options: OngoingClientOptions): void {
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new OngoingRequestError(`baseUrl is not a URL: ${options.baseUrl}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new OngoingRequestError("baseUrl must be http(s)");
  if (!Number.isInteger(options.goodsOwnerId) || options.goodsOwnerId <= 0) {
    throw new OngoingRequestError("goodsOwnerId must be a positive integer");
  }
  if (!options.username || typeof options.password !== "string") throw new OngoingRequestError("username and password are required");
  if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) throw new OngoingRequestError("timeoutMs must be positive");
  const r = options.retry;
  if (r?.attempts !== undefined && !(Number.isInteger(r.attempts) && r.attempts >= 1)) {
    throw new OngoingRequestError("retry.attempts must be an integer >= 1");
  }
}

function checkPageSize(size: number | undefined): number {
  if (size === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1) throw new OngoingRequestError("pageSize must be a positive integer");
  return size;
}

function toDate(value: Date | string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new OngoingRequestError(`Not a date: ${String(value)}`);
  return date;
}

/** UTC with an explicit offset, the form Ongoing's documentation recommends. */
function formatTime(value: Date | string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return toDate(value).toISOString().replace(/Z$/, "+00:00");
}

function queryString(query: Query | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

function parseJsonBody(text: string): unknown {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (trimmed === "") return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

/** Ongoing (ASP.NET) reports errors as {"Message": "...", "ModelState"?: {...}}; keep its words. */
function describeErrorBody(status: number, text: string): string {
  const json = parseJsonBody(text) as Record<string, unknown> | undefined;
  if (json && typeof json === "object") {
    const parts: string[] = [];
    const message = json.Message ?? json.message;
    if (typeof message === "string") parts.push(message);
    const modelState = json.ModelState;
    if (modelState && typeof modelState === "object") {
      for (const messages of Object.values(modelState as Record<string, unknown>)) {
        if (Array.isArray(messages)) for (const m of messages) if (typeof m === "string" && !parts.includes(m)) parts.push(m);
      }
    }
    if (parts.length > 0) return parts.join(" ");
  }
  const snippet = text.trim().slice(0, 300);
  return snippet ? `HTTP ${status}: ${snippet}` : `HTTP ${status}`;
}

function expectArray<T>(json: unknown, path: string): T[] {
  if (!Array.isArray(json)) throw new OngoingProtocolError(`GET ${path} did not answer with a JSON array`, "GET", path, 200);
  return json as T[];
}

/** The members the bridge acts on must be there; everything else may be null or missing. */
function expectOrder(json: unknown, path: string): GetOrderModel {
  const order = json as GetOrderModel | null;
  const info = order && typeof order === "object" ? order.orderInfo : undefined;
  const missing = !info || !Number.isInteger(info.orderId) ? "orderInfo.orderId"
    : typeof info.orderNumber !== "string" ? "orderInfo.orderNumber"
    : !Number.isInteger(info.orderStatus?.number) ? "orderInfo.orderStatus.number"
    : undefined;
  if (missing) throw new OngoingProtocolError(`GET ${path} answered an order without ${missing}`, "GET", path, 200);
  return order!;
}

function expectArticle(json: unknown, path: string): GetArticleModel {
  const article = json as GetArticleModel | null;
  if (!article || typeof article !== "object" || typeof article.articleNumber !== "string" || article.articleNumber === "") {
    throw new OngoingProtocolError(`GET ${path} answered an article without articleNumber`, "GET", path, 200);
  }
  return article;
}

async function* checkedEach<T>(items: AsyncIterable<unknown>, check: (item: unknown, path: string) => T, path: string): AsyncIterable<T> {
  for await (const item of items) yield check(item, path);
}

function isUndiciTimeout(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    code === "UND_ERR_CONNECT_TIMEOUT" ||
    code === "UND_ERR_HEADERS_TIMEOUT" ||
    code === "UND_ERR_BODY_TIMEOUT" ||
    (err as Error | null)?.name === "TimeoutError"
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
