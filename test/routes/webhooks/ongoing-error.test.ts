// What the receiver refuses from an authenticated sender: bad JSON, payloads of the wrong shape,
// another goods owner's events and oversized bodies, each with nothing stored.
import { Readable } from "node:stream";
import t from "tap";
import { request } from "undici";
import { GOODS_OWNER_ID, startE2E } from "../../helpers/e2e.js";
import { deliver, observer, webhookPayload } from "./webhook-fixtures.js";

const BODY_LIMIT = 4096;
const e2e = await startE2E({ webhooks: false, config: { LOG_LEVEL: "silent", WEBHOOK_BODY_LIMIT: BODY_LIMIT } });
const db = observer(e2e.bridge.testDatabase.url);
t.teardown(async () => {
  await db.end();
  await e2e.close();
});
const { bridge, integrationId, webhookSecret } = e2e;
const send = (body: unknown, contentType?: string) => deliver(bridge.url, integrationId, body, { token: webhookSecret, contentType });

async function stored() {
  const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from webhook_events`;
  return { rows: row!.n, jobs: await db.webhookJobs() };
}

t.test("malformed JSON is 400 and stores nothing", async (t) => {
  const before = await stored();
  for (const body of ["{not json", '{"webhookOrdersId": 1,', "", "   "]) {
    const res = await send(body);
    t.equal(res.status, 400, `${JSON.stringify(body)}: ${res.text}`);
    t.equal(res.body.statusCode, 400);
    t.equal(res.body.error, "Bad Request");
  }
  // Ongoing sends application/json; anything else is not a payload, even when it reads as JSON.
  const text = await send(JSON.stringify(webhookPayload("order", GOODS_OWNER_ID, 1)), "text/plain");
  t.equal(text.status, 400, text.text);
  t.match(text.body, { field: "body", message: /payload must be a JSON object/ });
  t.same(await stored(), before, "no inbox row, no job");
});

t.test("a payload of the wrong shape is 400 naming the member", async (t) => {
  const before = await stored();
  const order = webhookPayload("order", GOODS_OWNER_ID, 1);
  const inventory = webhookPayload("inventory", GOODS_OWNER_ID, 2);
  const { orderId: _orderId, ...withoutOrderId } = order;
  const { webhookEventId: _eventId, ...withoutEventId } = inventory;
  const cases: Array<[string, unknown, RegExp, string]> = [
    ["an array", [order], /payload must be a JSON object/, "body"],
    ["a string", "\"order\"", /payload must be a JSON object/, "body"],
    ["null", "null", /payload must be a JSON object/, "body"],
    ["no webhook root id", { webhookEventId: 3, goodsOwnerId: GOODS_OWNER_ID }, /none of webhookOrdersId, webhookArticlesId, webhookInventoryId, webhookMovesId, webhookPickingId/, "body"],
    ["two root ids", { ...order, webhookArticlesId: 4, articleSystemId: 5 }, /more than one webhook root id \(webhookOrdersId, webhookArticlesId\)/, "body"],
    ["order without orderId", withoutOrderId, /missing orderId/, "body.orderId"],
    ["inventory without webhookEventId", withoutEventId, /missing webhookEventId/, "body.webhookEventId"],
    ["goodsOwnerId as text", { ...order, goodsOwnerId: "one" }, /goodsOwnerId: must be integer/, "body.goodsOwnerId"],
    ["fractional webhookEventId", { ...order, webhookEventId: 1.5 }, /webhookEventId: must be integer/, "body.webhookEventId"],
    ["articleSystemId as text", { ...inventory, article: { ...inventory.article, articleSystemId: "x" } }, /article\.articleSystemId: must be integer/, "body.article.articleSystemId"],
    ["order status without number", { ...order, orderStatus: {} }, /missing orderStatus\.number/, "body.orderStatus.number"],
    ["a shipment webhook (not taken)", { webhookShipmentsId: 1, webhookEventId: 6, goodsOwnerId: GOODS_OWNER_ID, shipmentId: 1 }, /not a supported webhook/, "body"],
  ];
  for (const [what, body, message, field] of cases) {
    const res = await send(body);
    t.equal(res.status, 400, `${what}: ${res.text}`);
    t.match(res.body, { statusCode: 400, error: "Bad Request", field, message }, what);
  }
  t.same(await stored(), before, "no inbox row, no job");
});

t.test("a payload for another goods owner is 400 and stores nothing", async (t) => {
  const before = await stored();
  for (const kind of ["order", "inventory", "article", "inbound-and-move", "picking"] as const) {
    const res = await send(webhookPayload(kind, GOODS_OWNER_ID + 41, 10));
    t.equal(res.status, 400, kind);
    t.same(res.body, {
      statusCode: 400, error: "Bad Request", field: "body.goodsOwnerId",
      message: `body.goodsOwnerId is ${GOODS_OWNER_ID + 41}, but this integration serves goods owner ${GOODS_OWNER_ID}`,
    });
  }
  t.same(await stored(), before, "no inbox row, no job");
  const ok = await send(webhookPayload("order", GOODS_OWNER_ID, 10));
  t.equal(ok.status, 202, "the same event for the right goods owner is then new");
});

t.test("a body over WEBHOOK_BODY_LIMIT is 413 and stores nothing", async (t) => {
  /** A valid article payload padded to exactly `size` bytes of JSON. */
  const padded = (eventId: number, size: number) => {
    const base = JSON.stringify({ ...webhookPayload("article", GOODS_OWNER_ID, eventId), padding: "" });
    const text = JSON.stringify({ ...webhookPayload("article", GOODS_OWNER_ID, eventId), padding: "x".repeat(size - base.length) });
    if (Buffer.byteLength(text) !== size) throw new Error("padding miscounted");
    return text;
  };
  const before = await stored();
  const over = await send(padded(20, BODY_LIMIT + 1));
  t.equal(over.status, 413, over.text);
  t.match(over.body, { statusCode: 413, error: "Payload Too Large" });
  const far = await send(padded(21, BODY_LIMIT * 50));
  t.equal(far.status, 413);

  // Without a Content-Length (chunked), the limit holds while reading.
  const chunks = [padded(22, BODY_LIMIT * 3)];
  const chunked = await request(`${bridge.url}/webhooks/ongoing/${integrationId}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-auth-token": webhookSecret },
    body: Readable.from(chunks.map((c) => Buffer.from(c))),
  });
  t.equal(chunked.statusCode, 413, "chunked body over the limit");
  await chunked.body.dump();
  t.same(await stored(), before, "no inbox row, no job");

  const atLimit = await send(padded(23, BODY_LIMIT));
  t.equal(atLimit.status, 202, "a body of exactly the limit is taken");
  t.equal((await stored()).rows, before.rows + 1);
});

t.test("after every refusal the receiver still takes good events", async (t) => {
  const res = await send(webhookPayload("inventory", GOODS_OWNER_ID, 30));
  t.equal(res.status, 202);
  const rows = (await db.inbox(integrationId)).map((r) => `${r.kind}:${r.event_id}:${r.deliveries}`);
  t.same(rows, ["order:10:1", "article:23:1", "inventory:30:1"], "exactly the accepted events, each once");
});
