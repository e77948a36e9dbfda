import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import t from "tap";
import { request } from "undici";
import { classifyWebhook } from "../../../src/ongoing/webhook-schemas.js";
import type { ClassifiedWebhook } from "../../../src/ongoing/webhook-schemas.js";
import { createOngoingSandboxControl } from "../../../src/sandbox/ongoing/control-client.js";
import { startOngoingSandbox } from "../../../src/sandbox/ongoing/server.js";
import { oneDayRetryDelayMs } from "../../../src/sandbox/ongoing/webhook-dispatcher.js";

const REFERENCE = "/work/shared/reference/ongoing";
const OWNER = 7;
const AUTH = "Basic " + Buffer.from("wms:pw").toString("base64");

function officialExample(name: string): Record<string, unknown> {
  const body = JSON.parse(readFileSync(`${REFERENCE}/${name}`, "utf8").replace(/^\uFEFF/, "")) as Record<string, unknown>;
  return { ...body, goodsOwnerId: OWNER };
}

const sandbox = await startOngoingSandbox({
  warehouse: "testwh",
  users: [{ username: "wms", password: "pw", goodsOwnerIds: [OWNER] }],
  goodsOwners: [{ id: OWNER, name: "Acme AS" }],
  webhookRetryCompression: 60_000, // one minute becomes one millisecond
});
const control = createOngoingSandboxControl(sandbox.url);
t.teardown(() => sandbox.stop());
t.beforeEach(() => control.reset());

async function api(method: "GET" | "PUT", path: string, body?: unknown, auth = AUTH) {
  const response = await request(sandbox.url + path, {
    method,
    headers: { authorization: auth, accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.body.text();
  return { status: response.statusCode, json: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** A webhook receiver on 127.0.0.1 answering with the statuses queued in `answers` (then 200). */
async function startReceiver() {
  const received: Array<{ token: string | undefined; body: Record<string, unknown> }> = [];
  const answers: number[] = [];
  const server = createServer((req, res) => {
    let data = "";
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => {
      received.push({ token: req.headers["x-auth-token"] as string | undefined, body: JSON.parse(data) });
      res.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    answers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

t.test("the URL is the api/v1 base and the standalone defaults are sane", async (t) => {
  t.match(sandbox.url, /^http:\/\/127\.0\.0\.1:\d+\/testwh\/api\/v1$/);
  const statuses = await api("GET", "/orders/statuses");
  t.equal(statuses.status, 200);
  t.equal(statuses.json.orderStatuses.length, 9);
});

t.test("Basic auth: missing or wrong credentials get 401, other goods owners 403", async (t) => {
  t.equal((await api("GET", "/orders/statuses", undefined, "")).status, 401);
  const wrong = await api("GET", "/orders/statuses", undefined, "Basic " + Buffer.from("wms:nope").toString("base64"));
  t.equal(wrong.status, 401);
  t.same(wrong.json, { Message: "Authorization has been denied for this request." });
  t.equal((await api("GET", `/orders?goodsOwnerId=999`)).status, 403);
});

t.test("accepts the official article and order PUT examples", async (t) => {
  const minimal = await api("PUT", "/articles", officialExample("rest-v1-article-PUT-request-minimal.json"));
  t.equal(minimal.status, 200);
  t.match(minimal.json, { articleSystemId: Number, message: "Article TestArticleNumber1 Article name 1 Updated/Created" });

  const full = await api("PUT", "/articles", officialExample("rest-v1-article-PUT-request-full.json"));
  t.equal(full.status, 200);
  t.equal(full.json.message, "Supplier Supplier1 Supplier Inc. Created <br/> <br/>Article TestArticleNumber_ManyFields1 Article name 1 Updated/Created");
  const [article] = (await api("GET", `/articles?goodsOwnerId=${OWNER}&articleNumbers=TestArticleNumber_ManyFields1`)).json;
  t.equal(article.weight, 1.5, "numeric strings become numbers");
  t.equal(article.quantityPerPallet, 150);
  t.match(article.supplierInfo, { supplierNumber: "Supplier1", supplierName: "Supplier Inc.", supplierArticleNumber: "ArticleNumberAtSupplier1" });
  t.equal(article.linkToPicture, null, "absent members are null");

  // The order examples order articles 1009 and 1005, which must exist first, as in the real WMS.
  for (const articleNumber of ["1009", "1005"]) t.equal((await api("PUT", "/articles", { goodsOwnerId: OWNER, articleNumber })).status, 200);
  const orderMinimal = await api("PUT", "/orders", officialExample("rest-v1-order-PUT-request-minimal.json"));
  t.equal(orderMinimal.status, 201);
  t.match(orderMinimal.json.message, /^Customer with customer number 'CN1' and ID '\d+' created\. <br\/> <br\/>Order number O987654 created\/updated$/);
  const orderFull = await api("PUT", "/orders", officialExample("rest-v1-order-PUT-request-full.json"));
  t.equal(orderFull.status, 201);
  const again = await api("PUT", "/orders", officialExample("rest-v1-order-PUT-request-full.json"));
  t.equal(again.status, 200);
  t.equal(again.json.orderId, orderFull.json.orderId);

  const order = (await api("GET", `/orders/${orderFull.json.orderId}`)).json;
  t.match(order.orderInfo, { orderNumber: "O1231234", referenceNumber: "Ref1", wayOfDelivery: { code: "SHP1" }, orderStatus: { number: 200, text: "Open" } });
  t.match(order.orderLines, [{ rowNumber: "1", article: { articleNumber: "1009" }, orderedNumberOfItems: 2 }]);
  t.equal(order.tracking, null);
});

t.test("unknown members are rejected with a 400 naming the member", async (t) => {
  const top = await api("PUT", "/articles", { goodsOwnerId: OWNER, articleNumber: "X", colour: "red" });
  t.equal(top.status, 400);
  t.match(top.json.Message, /Could not find member 'colour' on object of type 'PostArticleModel'/);
  await api("PUT", "/articles", { goodsOwnerId: OWNER, articleNumber: "X" });
  const nested = await api("PUT", "/orders", {
    goodsOwnerId: OWNER,
    orderNumber: "N1",
    deliveryDate: "2030-01-01",
    consignee: { name: "A" },
    orderLines: [{ rowNumber: "1", articleNumber: "X", numberOfItems: 1, productCode: "P" }],
  });
  t.equal(nested.status, 400);
  t.match(nested.json.Message, /Path 'orderLines\[0\]\.productCode'/);
  const missing = await api("PUT", "/orders", { goodsOwnerId: OWNER, orderNumber: "N2", consignee: {} });
  t.equal(missing.status, 400);
  t.match(missing.json.Message, /deliveryDate/);
  const notNumeric = await api("PUT", "/articles", { goodsOwnerId: OWNER, articleNumber: "Y", weight: "heavy" });
  t.equal(notNumeric.status, 400);
  t.match(notNumeric.json.Message, /weight/);
  const badJson = await request(sandbox.url + "/articles", { method: "PUT", headers: { authorization: AUTH, "content-type": "application/json" }, body: "{" });
  t.equal(badJson.statusCode, 400);
  t.match(await badJson.body.json(), { Message: String });
});

t.test("order lines must reference existing articles; a started order cannot be updated", async (t) => {
  const unknown = await api("PUT", "/orders", { goodsOwnerId: OWNER, orderNumber: "U1", deliveryDate: "2030-01-01", consignee: {}, orderLines: [{ rowNumber: "1", articleNumber: "NOPE", numberOfItems: 1 }] });
  t.equal(unknown.status, 400);
  t.match(unknown.json.Message, /NOPE/);
  await api("PUT", "/articles", { goodsOwnerId: OWNER, articleNumber: "A" });
  const body = { goodsOwnerId: OWNER, orderNumber: "U2", deliveryDate: "2030-01-01", consignee: {}, orderLines: [{ rowNumber: "1", articleNumber: "A", numberOfItems: "2" }] };
  const { json } = await api("PUT", "/orders", body);
  await control.pick(json.orderId);
  const refused = await api("PUT", "/orders", body);
  t.equal(refused.status, 400);
  t.match(refused.json.Message, /Order number U2 cannot be updated.*status 400 Picked/);
  await t.rejects(control.cancel(json.orderId + 999), /No order/);
});

t.test("sellable stock: open orders reduce it, sending and cancelling release it", async (t) => {
  await api("PUT", "/articles", { goodsOwnerId: OWNER, articleNumber: "S" });
  await control.adjustStock({ goodsOwnerId: OWNER, articleNumber: "S", numberOfItems: 10 });
  const put = (orderNumber: string, n: number) =>
    api("PUT", "/orders", { goodsOwnerId: OWNER, orderNumber, deliveryDate: "2030-01-01", consignee: {}, orderLines: [{ rowNumber: "1", articleNumber: "S", numberOfItems: n }] });
  const o1 = (await put("S1", 3)).json.orderId;
  const o2 = (await put("S2", 4)).json.orderId;
  const stock = async () => (await api("GET", `/articles?goodsOwnerId=${OWNER}&articleNumbers=S`)).json[0].inventoryInfo;
  t.match(await stock(), { numberOfItems: 10, sellableNumberOfItems: 3 });
  await control.cancel(o2);
  t.match(await stock(), { numberOfItems: 10, sellableNumberOfItems: 7 });
  await control.ship(o1, { waybill: "W1" });
  t.match(await stock(), { numberOfItems: 7, sellableNumberOfItems: 7 });
  await t.rejects(control.cancel(o1), /cannot be cancelled/);
});

t.test("the order status list is configurable", async (t) => {
  await control.setKnobs({ orderStatuses: [{ number: 200, text: "Öppen" }, { number: 451, text: "Klar til henting" }] });
  t.same((await api("GET", "/orders/statuses")).json, { orderStatuses: [{ number: 200, text: "Öppen" }, { number: 451, text: "Klar til henting" }] });
});

t.test("faults: 500 with Ongoing's body, 429 with Retry-After, scoped to a route", async (t) => {
  await control.injectFault({ kind: "error500", count: 1, route: "GET /orders/statuses" });
  await control.injectFault({ kind: "tooManyRequests", count: 1, route: "GET /articles", retryAfter: "3" });
  const articles = await api("GET", `/articles?goodsOwnerId=${OWNER}`);
  t.equal(articles.status, 429);
  t.equal(articles.headers["retry-after"], "3");
  const statuses = await api("GET", "/orders/statuses");
  t.equal(statuses.status, 500);
  t.same(statuses.json, { Message: "An error has occurred." });
  t.equal((await api("GET", "/orders/statuses")).status, 200, "only the next N requests");
  const counts = await control.requests();
  t.equal(counts.byRoute["GET /orders/statuses"], 2);
});

t.test("webhooks: official shapes, X-Auth-Token, unique increasing event ids, classifiable", async (t) => {
  const receiver = await startReceiver();
  t.teardown(receiver.close);
  await control.subscribeWebhooks({ url: receiver.url, token: "s3cret" });
  await api("PUT", "/articles", { goodsOwnerId: OWNER, articleNumber: "W", barCodeInfo: { barCode: "700" } });
  await control.adjustStock({ goodsOwnerId: OWNER, articleNumber: "W", numberOfItems: 5 });
  await control.adjustStock({ goodsOwnerId: OWNER, articleNumber: "W", delta: 2, cause: "inbound" });
  const { json } = await api("PUT", "/orders", { goodsOwnerId: OWNER, orderNumber: "WO", deliveryDate: "2030-01-01", consignee: {}, orderLines: [{ rowNumber: "1", articleNumber: "W", numberOfItems: 1 }] });
  await control.release(json.orderId);
  await control.pick(json.orderId);
  await control.ship(json.orderId, { waybill: "WB9", trackingUrl: "https://t.example/WB9" });
  await control.waitForWebhooksIdle();

  t.ok(receiver.received.every((r) => r.token === "s3cret"));
  const classified = receiver.received.map((r) => classifyWebhook(r.body));
  t.notOk(classified.some((c) => "error" in c), "every payload passes classifyWebhook");
  const ok = classified as ClassifiedWebhook[];
  t.same(ok.map((c) => c.kind), ["article", "inventory", "inbound-and-move", "order", "order", "order", "picking", "order", "order"]);
  const ids = ok.map((c) => c.eventId);
  t.same(ids, [...ids].sort((a, b) => a - b));
  t.equal(new Set(ids).size, ids.length);
  t.ok(ok.every((c) => c.goodsOwnerId === OWNER));
  t.same(ok.filter((c) => c.kind === "order").map((c) => c.orderStatus), [200, 300, 400, 400, 450]);

  const sent = receiver.received.at(-1)!.body;
  t.match(sent, {
    webhookOrdersId: Number,
    orderId: json.orderId,
    orderNumber: "WO",
    goodsOwnerName: "Acme AS",
    orderStatus: { number: 450 },
    currentShipmentId: null,
    tracking: [{ waybill: "WB9", trackingUrl: "https://t.example/WB9", isReturn: false }],
    parcels: [{ tracking: { trackingUrl: "https://t.example/WB9" } }],
  });
  t.match(sent.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}$/);
  t.match(receiver.received[1].body, { webhookInventoryId: Number, transaction: { transactionNumberOfItems: 5 }, article: { articleNumber: "W", barCode: "700" } });
});

t.test("webhooks: subscriptions filter by kind and order status", async (t) => {
  const receiver = await startReceiver();
  t.teardown(receiver.close);
  await control.subscribeWebhooks({ url: receiver.url, kinds: ["order"], orderStatuses: [450] });
  await api("PUT", "/articles", { goodsOwnerId: OWNER, articleNumber: "F" });
  const { json } = await api("PUT", "/orders", { goodsOwnerId: OWNER, orderNumber: "FO", deliveryDate: "2030-01-01", consignee: {}, orderLines: [{ rowNumber: "1", articleNumber: "F", numberOfItems: 1 }] });
  await control.release(json.orderId);
  await control.ship(json.orderId, { waybill: "X" });
  await control.waitForWebhooksIdle();
  // "created" and "picked" always fire for an order webhook; status changes only for the selected statuses.
  t.same(receiver.received.map((r) => (r.body.orderStatus as { number: number }).number), [200, 450, 450]);
});

t.test("webhooks: failures are retried on the one-day schedule; redelivery sends duplicates", async (t) => {
  const receiver = await startReceiver();
  t.teardown(receiver.close);
  receiver.answers.push(500, 503, 404);
  await control.subscribeWebhooks({ url: receiver.url, token: "tok", kinds: ["article"] });
  await api("PUT", "/articles", { goodsOwnerId: OWNER, articleNumber: "R" });
  const events = await control.waitForWebhooksIdle();
  t.equal(events.length, 1);
  t.equal(events[0].state, "delivered");
  t.same(events[0].deliveries.map((d) => d.status), [500, 503, 404, 200]);
  t.equal(receiver.received.length, 4);
  t.equal(new Set(receiver.received.map((r) => r.body.webhookEventId)).size, 1, "a retry is the same event");

  const deliveries = await control.redeliverWebhook(events[0].webhookEventId, 3);
  t.same(deliveries.map((d) => d.status), [200, 200, 200]);
  t.equal(receiver.received.length, 7);
  t.ok(receiver.received.every((r) => r.body.webhookEventId === events[0].webhookEventId));
});

t.test("webhooks: a receiver that never answers 2xx is given up after a (compressed) day", async (t) => {
  const receiver = await startReceiver();
  t.teardown(receiver.close);
  for (let i = 0; i < 50; i++) receiver.answers.push(500);
  await control.subscribeWebhooks({ url: receiver.url, kinds: ["article"] });
  await api("PUT", "/articles", { goodsOwnerId: OWNER, articleNumber: "G" });
  const [event] = await control.waitForWebhooksIdle(15_000);
  t.equal(event.state, "gave-up");
  // First attempt, then 1, 5, 15, 30 minutes, then every 2 hours while within the day: 4 + 11 retries.
  t.equal(event.deliveries.length, 16);
});

t.test("the one-day retry schedule", async (t) => {
  const minutes = [];
  for (let n = 1; ; n++) {
    const delay = oneDayRetryDelayMs(n);
    if (delay === undefined) break;
    minutes.push(delay / 60_000);
  }
  t.same(minutes.slice(0, 6), [1, 5, 15, 30, 120, 120]);
  t.ok(minutes.reduce((a, b) => a + b, 0) <= 24 * 60);
  t.equal(minutes.length, 15);
});

t.test("the control API answers only on loopback and validates its input", async (t) => {
  const bad = await request(`${sandbox.controlUrl}/stock`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ goodsOwnerId: "x" }) });
  t.equal(bad.statusCode, 400);
  await bad.body.dump();
  await t.rejects(control.adjustStock({ goodsOwnerId: OWNER, articleNumber: "missing", numberOfItems: 1 }), /No article/);
  const knobs = await control.setKnobs({ clockOffsetMs: 3_600_000 });
  t.ok(Date.parse(knobs.now) - Date.now() > 3_500_000);
});
