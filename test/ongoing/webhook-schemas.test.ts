import { readFileSync } from "node:fs";
import t from "tap";
import { classifyWebhook } from "../../src/ongoing/webhook-schemas.js";

const REFERENCE = "/work/shared/reference/ongoing";
const example = (name: string) =>
  JSON.parse(readFileSync(`${REFERENCE}/webhook-${name}-payload-example.json`, "utf8").replace(/^\uFEFF/, "")) as Record<string, unknown>;

t.test("the official example payloads pass", async (t) => {
  t.same(classifyWebhook(example("order")), {
    kind: "order",
    eventId: 0,
    goodsOwnerId: 0,
    orderId: 0,
    orderNumber: "string",
    orderStatus: 0,
  });
  t.same(classifyWebhook(example("article")), {
    kind: "article",
    eventId: 0,
    goodsOwnerId: 0,
    articleSystemId: 0,
    articleNumber: "string",
  });
  t.same(classifyWebhook(example("inventory")), {
    kind: "inventory",
    eventId: 0,
    goodsOwnerId: 0,
    articleSystemId: 0,
    articleNumber: "string",
  });
});

t.test("inbound-and-move and picking payloads (shape per Ongoing's documentation)", async (t) => {
  const base = { webhookEventId: 7, system: "wh", timestamp: "2023-01-01T12:00:00.0000000", goodsOwnerId: 3, goodsOwnerName: null };
  const article = { articleSystemId: 44, articleNumber: "A", barCode: null };
  t.match(classifyWebhook({ webhookMovesId: 1, ...base, isReceive: true, isMove: false, article, movement: { from: null, to: {} } }), {
    kind: "inbound-and-move",
    eventId: 7,
    articleSystemId: 44,
  });
  t.match(classifyWebhook({ webhookPickingId: 2, ...base, isPicked: true, orderId: 9, article }), {
    kind: "picking",
    goodsOwnerId: 3,
    articleSystemId: 44,
    orderId: 9,
  });
});

t.test("extra members and nulls where Ongoing sends null are accepted", async (t) => {
  const payload = {
    ...example("order"),
    somethingNew: { nested: true },
    orderNumber: null,
    orderStatus: null,
    tracking: null,
    parcels: null,
    byUser: null,
    currentShipmentId: null,
  };
  const result = classifyWebhook(payload);
  t.same(result, { kind: "order", eventId: 0, goodsOwnerId: 0, orderId: 0 });
});

t.test("what the bridge needs is required, and the error names the field", async (t) => {
  const order = example("order");
  const { webhookEventId: _e, ...noEvent } = order;
  t.same(classifyWebhook(noEvent), { error: "missing webhookEventId" });
  const { goodsOwnerId: _g, ...noOwner } = order;
  t.same(classifyWebhook(noOwner), { error: "missing goodsOwnerId" });
  const { orderId: _o, ...noOrder } = order;
  t.same(classifyWebhook(noOrder), { error: "missing orderId" });
  t.match(classifyWebhook({ ...order, orderId: "12" }), { error: /^orderId: / });
  t.match(classifyWebhook({ ...order, orderStatus: {} }), { error: "missing orderStatus.number" });
  t.match(classifyWebhook({ ...example("inventory"), article: { articleNumber: "x" } }), { error: "missing article.articleSystemId" });
  t.match(classifyWebhook({ ...example("inventory"), article: null }), { error: /^article: / });
  t.match(classifyWebhook({ ...example("article"), articleSystemId: 1.5 }), { error: /^articleSystemId: / });
});

t.test("unsupported or malformed payloads", async (t) => {
  t.match(classifyWebhook(null), { error: /JSON object/ });
  t.match(classifyWebhook([1]), { error: /JSON object/ });
  t.match(classifyWebhook(example("shipment")), { error: /not a supported webhook/ });
  t.match(classifyWebhook({ ...example("order"), webhookArticlesId: 1 }), { error: /more than one/ });
});
