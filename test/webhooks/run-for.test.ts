// Which run a webhook event calls for, from the classified payload and the integration's settings.
import t from "tap";
import { DEFAULT_SETTINGS } from "../../src/integrations/integration-settings.js";
import { classifyWebhook, type ClassifiedWebhook } from "../../src/ongoing/webhook-schemas.js";
import { runFor } from "../../src/webhooks/webhook-service.js";
import { webhookPayload } from "../routes/webhooks/webhook-fixtures.js";

const settings = (patch: { shipments?: boolean; stock?: boolean; shippedOngoingStatuses?: number[] } = {}) => ({
  processes: { shipments: patch.shipments ?? true, stock: patch.stock ?? true },
  shippedOngoingStatuses: patch.shippedOngoingStatuses ?? [450, 500],
});

function classified(kind: Parameters<typeof webhookPayload>[0], edit: (p: Record<string, any>) => void = () => {}): ClassifiedWebhook {
  const payload = webhookPayload(kind, 1, 7);
  edit(payload);
  const result = classifyWebhook(payload);
  if ("error" in result) throw new Error(result.error);
  return result;
}

t.test("an order event with a shipped status asks for a shipments run of that order", async (t) => {
  for (const status of [450, 500]) {
    t.same(runFor(classified("order", (p) => (p.orderStatus = { number: status })), settings()), {
      process: "shipments", scope: { ongoingOrderId: 5007 },
    }, `status ${status}`);
  }
  t.same(runFor(classified("order", (p) => (p.orderStatus = { number: 600 })), settings({ shippedOngoingStatuses: [600] })), {
    process: "shipments", scope: { ongoingOrderId: 5007 },
  }, "the integration's own shipped statuses count");
});

t.test("an order event without a status may be a shipment: the slice re-reads the order", async (t) => {
  for (const edit of [(p: Record<string, any>) => delete p.orderStatus, (p: Record<string, any>) => (p.orderStatus = null)]) {
    t.same(runFor(classified("order", edit), settings()), { process: "shipments", scope: { ongoingOrderId: 5007 } });
  }
});

t.test("an order event with another status, or with shipments off, calls for nothing", async (t) => {
  for (const status of [200, 300, 400, 1000]) {
    t.equal(runFor(classified("order", (p) => (p.orderStatus = { number: status })), settings()), undefined, `status ${status}`);
  }
  t.equal(runFor(classified("order"), settings({ shipments: false })), undefined, "shipments off");
  t.equal(runFor(classified("order"), settings({ shippedOngoingStatuses: [500] })), undefined, "450 not listed");
});

t.test("inventory, inbound-and-move and picking events ask for a stock run of that article", async (t) => {
  for (const kind of ["inventory", "inbound-and-move", "picking"] as const) {
    t.same(runFor(classified(kind), settings()), { process: "stock", scope: { articleNumber: "SKU-7" } }, kind);
    t.equal(runFor(classified(kind), settings({ stock: false })), undefined, `${kind} with stock off`);
    t.equal(runFor(classified(kind, (p) => (p.article.articleNumber = null)), settings()), undefined, `${kind} without an article number`);
    t.equal(runFor(classified(kind, (p) => (p.article.articleNumber = "")), settings()), undefined, `${kind} with an empty article number`);
    t.same(runFor(classified(kind), settings({ shipments: false })), { process: "stock", scope: { articleNumber: "SKU-7" } }, `${kind} ignores the shipments switch`);
  }
});

t.test("article events call for nothing", async (t) => {
  t.equal(runFor(classified("article"), settings()), undefined);
});

t.test("the default settings act on shipped orders and stock changes", async (t) => {
  const defaults = DEFAULT_SETTINGS;
  t.same(runFor(classified("order"), defaults), { process: "shipments", scope: { ongoingOrderId: 5007 } });
  t.same(runFor(classified("inventory"), defaults), { process: "stock", scope: { articleNumber: "SKU-7" } });
});
