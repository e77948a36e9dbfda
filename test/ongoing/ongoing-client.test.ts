import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import t from "tap";
import { collect, createOngoingClient } from "../../src/ongoing/ongoing-client.js";
import type { OngoingClient, OngoingClientOptions } from "../../src/ongoing/ongoing-client.js";
import {
  OngoingHttpError,
  OngoingProtocolError,
  OngoingRequestError,
  OngoingTimeoutError,
  isTransientOngoingError,
} from "../../src/ongoing/errors.js";
import { createOngoingSandboxControl } from "../../src/sandbox/ongoing/control-client.js";
import { startOngoingSandbox } from "../../src/sandbox/ongoing/server.js";

const OWNER_A = 11;
const OWNER_B = 12;

const sandbox = await startOngoingSandbox({
  users: [
    { username: "alice", password: "pw-a", goodsOwnerIds: [OWNER_A] },
    { username: "bob", password: "pw-b", goodsOwnerIds: [OWNER_B] },
  ],
});
const control = createOngoingSandboxControl(sandbox.url);
const clients: OngoingClient[] = [];
t.teardown(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await sandbox.stop();
});

function client(overrides: Partial<OngoingClientOptions> = {}): OngoingClient {
  const c = createOngoingClient({
    baseUrl: sandbox.url,
    username: "alice",
    password: "pw-a",
    goodsOwnerId: OWNER_A,
    timeoutMs: 2_000,
    retry: { attempts: 4, baseDelayMs: 10, maxDelayMs: 200 },
    ...overrides,
  });
  clients.push(c);
  return c;
}

const order = (orderNumber: string, articleNumber = "A-1", numberOfItems = 2) => ({
  orderNumber,
  deliveryDate: "2030-01-15",
  consignee: { customerNumber: "C1", name: "Kari Nordmann", address1: "Gate 1", postCode: "0150", city: "Oslo", countryCode: "NO" },
  orderLines: [{ rowNumber: "1", articleNumber, numberOfItems }],
});

t.beforeEach(async () => {
  await control.reset();
});

t.test("putArticle upserts by articleNumber and returns the articleSystemId", async (t) => {
  const c = client();
  const first = await c.putArticle({ articleNumber: "A-1", articleName: "Widget", weight: 1.5 });
  const second = await c.putArticle({ articleNumber: "A-1", articleName: "Widget v2" });
  t.equal(first.articleSystemId, second.articleSystemId);
  t.match(second.message, /Article A-1 Widget v2/);
  const [article] = await collect(c.listArticles({ articleNumbers: ["A-1"] }));
  t.equal(article.articleName, "Widget v2");
  t.equal(article.weight, 1.5);
  t.equal(c.calls(), 4, "two PUTs, one page and the empty page that ends the listing");
});

t.test("putArticle with supplierInfo creates the supplier, readable on the article", async (t) => {
  const c = client();
  const result = await c.putArticle({
    articleNumber: "A-2",
    articleName: "Bolt",
    supplierInfo: { supplierNumber: "S1", supplierName: "Bolts AS", supplierArticleNumber: "B-99" },
  });
  t.match(result.message, /^Supplier S1 Bolts AS Created/);
  const [article] = await collect(c.listArticles({ articleNumbers: ["A-2"] }));
  t.match(article.supplierInfo, { supplierNumber: "S1", supplierName: "Bolts AS", supplierArticleNumber: "B-99" });
  t.match(await control.suppliers(), [{ supplierNumber: "S1", supplierName: "Bolts AS", goodsOwnerId: OWNER_A }]);
});

t.test("putOrder creates (201) then updates (200); getOrder and findOrderByNumber read it back", async (t) => {
  const c = client();
  await c.putArticle({ articleNumber: "A-1", articleName: "Widget" });
  const created = await c.putOrder(order("SO-1"));
  t.equal(created.created, true);
  const updated = await c.putOrder({ ...order("SO-1"), orderRemark: "ring the bell" });
  t.equal(updated.created, false);
  t.equal(updated.orderId, created.orderId);
  const byId = await c.getOrder(created.orderId);
  t.equal(byId.orderInfo.orderNumber, "SO-1");
  t.equal(byId.orderInfo.orderStatus.number, 200);
  t.equal(byId.tracking, null, "absent members are JSON null");
  const byNumber = await c.findOrderByNumber("SO-1");
  t.equal(byNumber?.orderInfo.orderId, created.orderId);
  t.equal(await c.findOrderByNumber("NOPE"), null);
});

t.test("an order the warehouse has started on cannot be updated: final 4xx with Ongoing's message", async (t) => {
  const c = client();
  await c.putArticle({ articleNumber: "A-1" });
  const { orderId } = await c.putOrder(order("SO-2"));
  await control.release(orderId);
  const before = c.calls();
  const err = await c.putOrder(order("SO-2", "A-1", 5)).catch((e: unknown) => e);
  t.type(err, OngoingHttpError);
  const httpErr = err as OngoingHttpError;
  t.equal(httpErr.status, 400);
  t.equal(httpErr.transient, false);
  t.match(httpErr.message, /cannot be updated.*started working on it/);
  t.equal(c.calls() - before, 1, "a final 4xx is not retried");
});

t.test("other 4xx are final and keep Ongoing's message (unknown member)", async (t) => {
  const c = client();
  const err = (await c.putArticle({ articleNumber: "A-3", colour: "red" } as never).catch((e: unknown) => e)) as OngoingHttpError;
  t.type(err, OngoingHttpError);
  t.equal(err.status, 400);
  t.notOk(isTransientOngoingError(err));
  t.match(err.message, /Could not find member 'colour'/);
});

t.test("wrong credentials give a final 401", async (t) => {
  const c = client({ password: "wrong" });
  const err = (await c.getOrderStatuses().catch((e: unknown) => e)) as OngoingHttpError;
  t.equal(err.status, 401);
  t.match(err.message, /Authorization has been denied/);
  t.equal(c.calls(), 1);
});

t.test("getOrderStatuses returns the warehouse's list", async (t) => {
  const statuses = await client().getOrderStatuses();
  t.same(statuses.map((s) => s.number), [150, 200, 300, 320, 400, 450, 500, 800, 1000]);
  t.equal(statuses.find((s) => s.number === 450)?.text, "Sent");
});

t.test("listOrders pages by orderIdFrom + maxOrdersToGet and filters by status and times", async (t) => {
  const c = client();
  await c.putArticle({ articleNumber: "A-1" });
  const ids: number[] = [];
  for (let i = 1; i <= 7; i++) ids.push((await c.putOrder(order(`P-${i}`))).orderId);
  await control.resetRequestCounts();
  const all = await collect(c.listOrders({ pageSize: 3 }));
  t.same(all.map((o) => o.orderInfo.orderId), ids);
  const stats = await control.requests();
  t.equal(stats.byRoute["GET /orders"], 4, "3 + 3 + 1, then an empty page ends it");

  const shipFrom = new Date(Date.now() - 1000);
  await control.ship(ids[1], { waybill: "WB-1", trackingUrl: "https://track.example/WB-1" });
  await control.ship(ids[4], { waybill: "WB-2" });
  await control.release(ids[5]);
  const sent = await collect(c.listOrders({ orderStatusFrom: 450, pageSize: 1 }));
  t.same(sent.map((o) => o.orderInfo.orderId), [ids[1], ids[4]]);
  t.equal(sent[0].orderInfo.wayBill, "WB-1");
  t.match(sent[0].tracking, [{ waybill: "WB-1", trackingUrl: "https://track.example/WB-1" }]);
  const shipped = await collect(c.listOrders({ shippedTimeFrom: shipFrom }));
  t.equal(shipped.length, 2);
  const released = await collect(c.listOrders({ orderStatusFrom: 300, orderStatusTo: 320 }));
  t.same(released.map((o) => o.orderInfo.orderId), [ids[5]]);
  const changed = await collect(c.listOrders({ orderStatusChangedTimeFrom: new Date(Date.now() + 60_000) }));
  t.equal(changed.length, 0);
});

t.test("listArticles pages by articleSystemIdFrom + maxArticlesToGet and reports sellable stock", async (t) => {
  const c = client();
  for (let i = 1; i <= 5; i++) await c.putArticle({ articleNumber: `ART-${i}` });
  await control.adjustStock({ goodsOwnerId: OWNER_A, articleNumber: "ART-2", numberOfItems: 10 });
  const { orderId } = await c.putOrder(order("S-1", "ART-2", 3));
  await control.resetRequestCounts();
  const all = await collect(c.listArticles({ pageSize: 2 }));
  t.same(all.map((a) => a.articleNumber), ["ART-1", "ART-2", "ART-3", "ART-4", "ART-5"]);
  t.equal((await control.requests()).byRoute["GET /articles"], 4);
  const art2 = all[1];
  t.match(art2.inventoryInfo, { numberOfItems: 10, sellableNumberOfItems: 7 });
  await control.ship(orderId, { waybill: "W" });
  const [after] = await collect(c.listArticles({ articleNumbers: ["ART-2"] }));
  t.match(after.inventoryInfo, { numberOfItems: 7, sellableNumberOfItems: 7 });
});

t.test("stockInfoChangedFrom: only the last 24 hours", async (t) => {
  const c = client();
  await c.putArticle({ articleNumber: "ST-1" });
  await c.putArticle({ articleNumber: "ST-2" });
  await new Promise((resolve) => setTimeout(resolve, 20));
  const since = new Date();
  await control.adjustStock({ goodsOwnerId: OWNER_A, articleNumber: "ST-2", delta: 4 });
  const changed = await collect(c.listArticles({ stockInfoChangedFrom: since }));
  t.same(changed.map((a) => a.articleNumber), ["ST-2"]);

  const before = c.calls();
  t.throws(() => c.listArticles({ stockInfoChangedFrom: new Date(Date.now() - 25 * 3600_000) }), OngoingRequestError);
  t.equal(c.calls(), before, "refused locally, nothing sent");

  // 23 hours ago by our clock is more than a day ago by the warehouse's clock: the sandbox refuses.
  await control.setKnobs({ clockOffsetMs: 2 * 3600_000 });
  const err = (await collect(c.listArticles({ stockInfoChangedFrom: new Date(Date.now() - 23 * 3600_000) })).catch((e: unknown) => e)) as OngoingHttpError;
  t.type(err, OngoingHttpError);
  t.equal(err.status, 400);
  t.match(err.message, /within 24 hours/);
});

t.test("retries 500 with backoff and succeeds", async (t) => {
  const c = client();
  await control.injectFault({ kind: "error500", count: 2 });
  const statuses = await c.getOrderStatuses();
  t.ok(statuses.length > 0);
  t.equal(c.calls(), 3);
});

t.test("gives up after the configured attempts with a transient error", async (t) => {
  const c = client({ retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20 } });
  await control.injectFault({ kind: "error500", count: 5 });
  const err = (await c.getOrderStatuses().catch((e: unknown) => e)) as OngoingHttpError;
  t.type(err, OngoingHttpError);
  t.equal(err.status, 500);
  t.equal(err.transient, true);
  t.equal(err.message, "An error has occurred.");
  t.equal(c.calls(), 2);
});

t.test("429 honours Retry-After (seconds and HTTP date)", async (t) => {
  const c = client({ retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5_000 } });
  await control.injectFault({ kind: "tooManyRequests", count: 1, retryAfter: "1" });
  let started = Date.now();
  await c.getOrderStatuses();
  t.ok(Date.now() - started >= 950, "waited about the second Ongoing asked for");
  t.equal(c.calls(), 2);

  const date = new Date(Date.now() + 1500).toUTCString();
  await control.injectFault({ kind: "tooManyRequests", count: 1, retryAfter: date });
  started = Date.now();
  await c.getOrderStatuses();
  t.ok(Date.now() - started >= 200, "waited until the HTTP date");
  t.equal(c.calls(), 4);
});

t.test("a Retry-After longer than maxDelayMs is handed back to the caller", async (t) => {
  const c = client({ retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 100 } });
  await control.injectFault({ kind: "tooManyRequests", count: 1, retryAfter: "120" });
  const err = (await c.getOrderStatuses().catch((e: unknown) => e)) as OngoingHttpError;
  t.equal(err.status, 429);
  t.equal(err.transient, true);
  t.equal(err.retryAfterMs, 120_000);
  t.equal(c.calls(), 1);
});

t.test("a hanging request times out and is retried", async (t) => {
  const c = client({ timeoutMs: 300 });
  await control.injectFault({ kind: "hang", count: 1 });
  const statuses = await c.getOrderStatuses();
  t.ok(statuses.length > 0);
  t.equal(c.calls(), 2);

  const once = client({ timeoutMs: 300, retry: { attempts: 1 } });
  await control.injectFault({ kind: "hang", count: 1 });
  const err = await once.getOrderStatuses().catch((e: unknown) => e);
  t.type(err, OngoingTimeoutError);
  t.ok(isTransientOngoingError(err));
});

t.test("calls for one goods owner never overlap; two goods owners run in parallel", async (t) => {
  const a1 = client();
  const a2 = client(); // a second client for the same goods owner shares the queue
  const b = client({ username: "bob", password: "pw-b", goodsOwnerId: OWNER_B });
  await control.setKnobs({ latencyMs: 150 });
  await control.resetRequestCounts();
  await Promise.all([a1.findOrderByNumber("X"), a2.findOrderByNumber("Y"), a1.getOrderStatuses()]);
  let stats = await control.requests();
  t.equal(stats.maxInFlightByGoodsOwner[String(OWNER_A)], 1, "one at a time for goods owner A");

  await control.resetRequestCounts();
  await Promise.all([a1.findOrderByNumber("X"), b.findOrderByNumber("Y")]);
  stats = await control.requests();
  t.equal(stats.maxInFlight, 2, "A and B overlapped");
  await control.setKnobs({ latencyMs: 0 });
});

t.test("a 2xx without the expected id is an error", async (t) => {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(req.url?.startsWith("/api/v1/orders") ? 200 : 200, { "content-type": req.url?.includes("html") ? "text/html" : "application/json" });
      res.end(req.url?.startsWith("/api/v1/orders") ? JSON.stringify({ orderId: null, message: null }) : "<html>proxy</html>");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  const c = client({ baseUrl: base });
  const err = (await c.putOrder(order("Z-1")).catch((e: unknown) => e)) as OngoingProtocolError;
  t.type(err, OngoingProtocolError);
  t.match(err.message, /without an orderId/);
  t.equal(err.transient, true);
  const err2 = await c.putArticle({ articleNumber: "Q" }).catch((e: unknown) => e);
  t.type(err2, OngoingProtocolError);
  t.match((err2 as Error).message, /not JSON/);
});

t.test("sends Basic auth, Accept and User-Agent", async (t) => {
  let seen: Record<string, string | string[] | undefined> = {};
  const server = createServer((req, res) => {
    seen = req.headers;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ orderStatuses: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const c = client({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wh/api/v1/`, userAgent: "bridge-test/1" });
  await c.getOrderStatuses();
  t.equal(seen.authorization, "Basic " + Buffer.from("alice:pw-a").toString("base64"));
  t.equal(seen.accept, "application/json");
  t.equal(seen["user-agent"], "bridge-test/1");
});

t.test("refuses a model for another goods owner", async (t) => {
  const c = client();
  await t.rejects(c.putArticle({ goodsOwnerId: OWNER_B, articleNumber: "A" }), OngoingRequestError);
  t.equal(c.calls(), 0);
});
