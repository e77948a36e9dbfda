// Shipped status, Ongoing → Finago, over real HTTP: reported exactly once whatever the webhooks
// do (duplicates, out of order, lost), and the shipment settings at their defaults and otherwise.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import t from "tap";
import { request } from "undici";
import { TEST_CRON_TOKEN } from "../helpers/bridge.js";
import { eventually, startE2E, type E2E } from "../helpers/e2e.js";
import {
  finagoStatus, importOrders, runsSettled, saveInvoicesCalls, seedCatalogue, webhookEvents, webhooksSettled,
} from "./shipments-fixtures.js";

const E2E_CONFIG = { LOG_LEVEL: "error" as const };

/** The sandbox's order events for one Ongoing order at one status. */
async function sandboxOrderEvents(e2e: E2E, ongoingOrderId: number, status?: number) {
  const { events } = await e2e.ongoing.webhookEvents();
  return events.filter((e) => {
    const p = e.payload as { orderId?: number; orderStatus?: { number?: number } };
    return e.kind === "order" && p.orderId === ongoingOrderId && (status === undefined || p.orderStatus?.number === status);
  });
}

async function shipmentRuns(e2e: E2E): Promise<any[]> {
  return (await runsSettled(e2e)).filter((r) => r.process === "shipments");
}

async function tick(e2e: E2E): Promise<Array<{ integrationId: string; process: string; runId: string }>> {
  const res = await e2e.bridge.call("POST", "/cron/tick", { token: TEST_CRON_TOKEN });
  if (res.status !== 200) throw new Error(`tick: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.enqueued;
}

t.test("duplicate webhooks: the shipment is reported once, with the default target status", async (t) => {
  const e2e = await startE2E({ config: E2E_CONFIG });
  t.teardown(() => e2e.close());
  await seedCatalogue(e2e);
  const ids = await importOrders(e2e, [7001]);
  const ongoingId = ids.get(7001)!;
  t.equal(await saveInvoicesCalls(e2e, 7001), 0, "nothing reported before the warehouse ships");

  await e2e.ongoing.ship(ongoingId, { waybill: "WB-7001" });
  await eventually(async () => (await finagoStatus(e2e, 7001)) === "OrderState_Sent", 20_000, "OrderState_Sent");
  await webhooksSettled(e2e);
  await runsSettled(e2e);

  const [shipped] = await sandboxOrderEvents(e2e, ongoingId, 450);
  t.ok(shipped, "the sandbox sent a 450 order webhook");
  const redeliveries = await e2e.ongoing.redeliverWebhook(shipped!.webhookEventId, 5);
  t.same(redeliveries.map((d) => d.status), [200, 200, 200, 200, 200], "each redelivery is acknowledged as a duplicate");
  const inbox = (await webhooksSettled(e2e)).find((e) => e.eventId === shipped!.webhookEventId);
  t.equal(inbox?.deliveries, 6, "the inbox counted all six deliveries of the one event");
  t.equal(inbox?.status, "enqueued");

  // A later status (500 Collected) is one more event for the same order: still no second report.
  await e2e.ongoing.collect(ongoingId);
  const events = await webhooksSettled(e2e);
  const runs = await shipmentRuns(e2e);
  t.equal(await saveInvoicesCalls(e2e, 7001), 1, "SaveInvoices named the order exactly once");
  t.equal(await finagoStatus(e2e, 7001), "OrderState_Sent", "default target status OrderState_Sent");

  // The sandbox, like Ongoing, sends an OrderPicked and an OrderStatusChanged event when an
  // unpicked order ships; every distinct shipped-status event gets its run, redeliveries none.
  const distinct = events.filter((e) => e.kind === "order" && e.status === "enqueued");
  t.ok(distinct.length >= 2, `at least the 450 and the 500 event: ${distinct.length}`);
  const webhookRuns = runs.filter((r) => r.trigger === "webhook");
  t.equal(webhookRuns.length, distinct.length, "one run per distinct event, none for redeliveries");
  t.same(new Set(webhookRuns.map((r) => r.id)), new Set(distinct.map((e) => e.runId)));
  t.ok(webhookRuns.every((r) => r.status === "succeeded"), JSON.stringify(webhookRuns.map((r) => r.status)));
  const actions: string[] = [];
  for (const run of webhookRuns) {
    const detail = (await e2e.bridge.call("GET", `/api/runs/${run.id}`)).body;
    actions.push(...detail.items.map((i: any) => `${i.sourceId}:${i.targetId}:${i.action}`));
  }
  t.equal(actions.filter((a) => a === `${ongoingId}:7001:updated`).length, 1, "the ledger shows one update");
  t.same(actions.filter((a) => a !== `${ongoingId}:7001:updated`), Array(distinct.length - 1).fill(`${ongoingId}:7001:unchanged`), "and the others unchanged");
});

/**
 * Stands between the Ongoing sandbox and the bridge: acknowledges each webhook at once and
 * keeps it, so the test forwards them to the bridge in the order it chooses.
 */
async function startWebhookRelay() {
  const held: Array<{ body: string; headers: IncomingHttpHeaders; payload: any }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      held.push({ body, headers: req.headers, payload: JSON.parse(body) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return {
    url,
    held,
    find(orderId: number, status: number) {
      const found = held.find((h) => h.payload.orderId === orderId && h.payload.orderStatus?.number === status);
      if (!found) throw new Error(`no held webhook for order ${orderId} at ${status}`);
      return found;
    },
    async forward(e2e: E2E, delivery: { body: string; headers: IncomingHttpHeaders }) {
      const res = await request(`${e2e.bridge.url}/webhooks/ongoing/${e2e.integrationId}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-auth-token": String(delivery.headers["x-auth-token"]) },
        body: delivery.body,
      });
      await res.body.text();
      return res.statusCode;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

t.test("out-of-order webhooks: 500 before 450, and a stale 400 after 450, report once", async (t) => {
  const e2e = await startE2E({ config: E2E_CONFIG, webhooks: false });
  t.teardown(() => e2e.close());
  const relay = await startWebhookRelay();
  t.teardown(() => relay.close());
  await e2e.ongoing.subscribeWebhooks({ url: relay.url, token: e2e.webhookSecret, kinds: ["order"], retryPolicy: "none" });
  await seedCatalogue(e2e);
  const ids = await importOrders(e2e, [7101, 7102]);
  const collected = ids.get(7101)!;
  const picked = ids.get(7102)!;

  await e2e.ongoing.ship(collected);
  await e2e.ongoing.collect(collected);
  await e2e.ongoing.pick(picked);
  await e2e.ongoing.ship(picked);
  await e2e.ongoing.waitForWebhooksIdle();

  const deliverInOrder = async (deliveries: Array<{ body: string; headers: IncomingHttpHeaders }>) => {
    for (const delivery of deliveries) {
      t.equal(await relay.forward(e2e, delivery), 202, "accepted as a new event");
      await webhooksSettled(e2e);
      await runsSettled(e2e);
    }
  };
  // 500 Collected arrives first, the 450 Sent that preceded it afterwards.
  await deliverInOrder([relay.find(collected, 500), relay.find(collected, 450)]);
  t.equal(await saveInvoicesCalls(e2e, 7101), 1, "7101 reported once");
  t.equal(await finagoStatus(e2e, 7101), "OrderState_Sent");

  // 450 first, then the stale 400 (picked) that happened before it.
  await deliverInOrder([relay.find(picked, 450), relay.find(picked, 400)]);
  t.equal(await saveInvoicesCalls(e2e, 7102), 1, "7102 reported once");
  t.equal(await finagoStatus(e2e, 7102), "OrderState_Sent", "the stale 400 did not take the status back");

  const inbox = await webhookEvents(e2e);
  const stale = inbox.find((e) => e.payload.orderId === picked && e.payload.orderStatus.number === 400);
  t.equal(stale?.status, "ignored", "the 400 event starts no run");
  const runs = await shipmentRuns(e2e);
  t.equal(runs.length, 3, "one run per shipped-status event");
  t.ok(runs.every((r) => r.status === "succeeded"));
  t.same(
    runs.map((r) => `${r.scope.ongoingOrderId}:${JSON.stringify(r.counts)}`).reverse(),
    [`${collected}:{"updated":1}`, `${collected}:{"unchanged":1}`, `${picked}:{"updated":1}`],
    "the earlier event, arriving last, found the shipment already reported",
  );
});

t.test("a lost webhook is caught by the backstop: cron tick and operator sync", async (t) => {
  const e2e = await startE2E({ config: E2E_CONFIG, webhooks: false });
  t.teardown(() => e2e.close());
  await seedCatalogue(e2e);
  const ids = await importOrders(e2e, [7201, 7202]);

  // The subscription is removed before the warehouse ships 7201: its webhook never comes.
  const subscription = await e2e.ongoing.subscribeWebhooks({
    url: `${e2e.bridge.url}/webhooks/ongoing/${e2e.integrationId}`, token: e2e.webhookSecret, retryPolicy: "oneDay",
  });
  await e2e.ongoing.unsubscribeWebhooks(subscription.id);
  await e2e.ongoing.ship(ids.get(7201)!);
  t.same(await sandboxOrderEvents(e2e, ids.get(7201)!), [], "no webhook was sent");
  t.same(await webhookEvents(e2e), [], "the bridge received nothing");
  t.equal(await finagoStatus(e2e, 7201), "Confirmed");

  const enqueued = await tick(e2e);
  const shipmentRun = enqueued.find((e) => e.process === "shipments");
  t.ok(shipmentRun, "the cron tick enqueued the shipments interval run");
  const run = await e2e.waitForRun(shipmentRun!.runId);
  t.equal(run.status, "succeeded");
  t.equal(run.trigger, "cron");
  t.same(run.items.map((i: any) => [i.sourceId, i.targetId, i.action]), [[String(ids.get(7201)), "7201", "updated"]]);
  t.equal(await finagoStatus(e2e, 7201), "OrderState_Sent");

  // No subscription at all for 7202, collected straight away: the operator's sync finds it.
  await e2e.ongoing.collect(ids.get(7202)!);
  const operatorRun = await e2e.sync("shipments");
  t.equal(operatorRun.status, "succeeded");
  t.same(operatorRun.items.map((i: any) => [i.sourceId, i.action]), [[String(ids.get(7202)), "updated"]], "only 7202 is new");
  t.equal(await finagoStatus(e2e, 7202), "OrderState_Sent");

  // Every later interval run leaves both alone.
  const again = await e2e.sync("shipments", { fullResync: true });
  t.equal(again.status, "succeeded");
  t.same(again.items, [], "already reported: nothing written");
  t.equal(await saveInvoicesCalls(e2e, 7201), 1);
  t.equal(await saveInvoicesCalls(e2e, 7202), 1);
});

t.test("settings: shipped statuses [500] only, target status ForInvoicing, process off", async (t) => {
  const e2e = await startE2E({ config: E2E_CONFIG, settings: { shippedOngoingStatuses: [500] } });
  t.teardown(() => e2e.close());
  await seedCatalogue(e2e);
  const ids = await importOrders(e2e, [7301, 7302, 7303]);

  await t.test("[500] only: 450 does not report, 500 does", async (t) => {
    const ongoingId = ids.get(7301)!;
    await e2e.ongoing.ship(ongoingId);
    const events = await webhooksSettled(e2e);
    const sent = events.find((e) => e.kind === "order" && e.payload.orderId === ongoingId && e.payload.orderStatus.number === 450);
    t.equal(sent?.status, "ignored", "the 450 webhook starts no run");
    const backstop = await e2e.sync("shipments");
    t.same(backstop.items, [], "the interval run does not report a 450 either");
    t.equal(await finagoStatus(e2e, 7301), "Confirmed");
    t.equal(await saveInvoicesCalls(e2e, 7301), 0);

    await e2e.ongoing.collect(ongoingId);
    await eventually(async () => (await finagoStatus(e2e, 7301)) === "OrderState_Sent", 20_000, "reported at 500");
    await webhooksSettled(e2e);
    await runsSettled(e2e);
    t.equal(await saveInvoicesCalls(e2e, 7301), 1);
  });

  await t.test("target status ForInvoicing", async (t) => {
    await e2e.updateSettings({ shippedOngoingStatuses: [450, 500], shippedStatus: "ForInvoicing" });
    await e2e.ongoing.ship(ids.get(7302)!);
    await eventually(async () => (await finagoStatus(e2e, 7302)) === "ForInvoicing", 20_000, "ForInvoicing");
    await webhooksSettled(e2e);
    await runsSettled(e2e);
    t.equal(await saveInvoicesCalls(e2e, 7302), 1);
    t.equal(await finagoStatus(e2e, 7301), "OrderState_Sent", "an order reported earlier is left as it was");
  });

  await t.test("process off: no run from the webhook or the tick, no report; on again, the backstop reports", async (t) => {
    await e2e.updateSettings({ processes: { shipments: false } });
    const ongoingId = ids.get(7303)!;
    await e2e.ongoing.ship(ongoingId);
    const events = await webhooksSettled(e2e);
    const sent = events.find((e) => e.kind === "order" && e.payload.orderId === ongoingId && e.payload.orderStatus.number === 450);
    t.equal(sent?.status, "ignored");
    t.match(sent?.error, /no process acts on this event/);
    const enqueued = await tick(e2e);
    t.notOk(enqueued.some((e) => e.process === "shipments"), `shipments not enqueued: ${JSON.stringify(enqueued.map((e) => e.process))}`);
    const refused = await e2e.bridge.call("POST", `/api/integrations/${e2e.integrationId}/sync/shipments`, { body: {} });
    t.equal(refused.status, 409, "nor can an operator run it while it is off");
    await runsSettled(e2e);
    t.equal(await finagoStatus(e2e, 7303), "Confirmed");
    t.equal(await saveInvoicesCalls(e2e, 7303), 0);

    await e2e.updateSettings({ processes: { shipments: true } });
    const next = await tick(e2e);
    const run = next.find((e) => e.process === "shipments");
    t.ok(run, "switched on, the next tick enqueues shipments");
    const finished = await e2e.waitForRun(run!.runId);
    t.same(finished.items.map((i: any) => [i.targetId, i.action]), [["7303", "updated"]]);
    t.equal(await finagoStatus(e2e, 7303), "ForInvoicing");
    await runsSettled(e2e);
    t.same([await saveInvoicesCalls(e2e, 7301), await saveInvoicesCalls(e2e, 7302), await saveInvoicesCalls(e2e, 7303)], [1, 1, 1]);
  });
});
