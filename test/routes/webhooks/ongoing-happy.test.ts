// The webhook receiver's happy paths over real HTTP: every payload kind is stored before the
// answer, is processed off the request path into a run (or ignored), and a redelivered event
// leaves one inbox row and one run.
import t from "tap";
import { request } from "undici";
import { eventually, GOODS_OWNER_ID, startE2E } from "../../helpers/e2e.js";
import { deliver, observer, WEBHOOK_KINDS, webhookPayload } from "./webhook-fixtures.js";

// Workers start later, by hand, so the test can see an event before it is processed.
const e2e = await startE2E({ webhooks: false, config: { LOG_LEVEL: "silent", WORKERS_ENABLED: false } });
const db = observer(e2e.bridge.testDatabase.url);
t.teardown(async () => {
  await db.end();
  await e2e.close();
});
const { bridge, integrationId, webhookSecret } = e2e;
const runtime = bridge.runtime;

async function startWorkers() {
  await runtime.queue.work({
    runSync: async (runId) => void (await runtime.runs.executeRun(runId)),
    processWebhookEvent: (id) => runtime.webhooks.process(id),
  }, 2);
}

async function webhookEvents() {
  const res = await bridge.call("GET", `/api/integrations/${integrationId}/webhook-events`);
  if (res.status !== 200) throw new Error(`webhook-events: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as any[];
}

t.test("each payload kind is committed before its 2xx, then processed into a run or ignored", async (t) => {
  const expected: Record<string, { status: string; process?: string }> = {
    order: { status: "enqueued", process: "shipments" }, // status 450 is a shipped status by default
    inventory: { status: "enqueued", process: "stock" },
    "inbound-and-move": { status: "enqueued", process: "stock" },
    picking: { status: "enqueued", process: "stock" },
    article: { status: "ignored" },
  };
  const jobsBefore = await db.webhookJobs();
  for (const [i, kind] of WEBHOOK_KINDS.entries()) {
    const eventId = 101 + i;
    const res = await deliver(bridge.url, integrationId, webhookPayload(kind, GOODS_OWNER_ID, eventId), { token: webhookSecret });
    t.equal(res.status, 202, `${kind}: ${res.text}`);
    t.same(res.body, { status: "accepted", eventId, kind });
    // Read on a connection of our own straight after the answer: the row is already committed.
    const rows = (await db.inbox(integrationId)).filter((r) => r.kind === kind);
    t.equal(rows.length, 1, `${kind}: one inbox row committed before the answer`);
    t.equal(Number(rows[0]!.event_id), eventId);
    t.equal(rows[0]!.status, "received");
    t.equal(rows[0]!.deliveries, 1);
  }
  t.equal(await db.webhookJobs(), jobsBefore + WEBHOOK_KINDS.length, "one job per event, committed with it");

  const received = await webhookEvents();
  t.equal(received.length, WEBHOOK_KINDS.length);
  for (const event of received) {
    t.equal(event.status, "received", `${event.kind} waits for a worker`);
    t.equal(event.runId, null);
    t.equal(event.processedAt, null);
    t.equal(event.deliveries, 1);
    t.equal(event.payload.webhookEventId, event.eventId, "the payload is kept as delivered");
  }
  t.same(received.map((e) => e.kind), [...WEBHOOK_KINDS].reverse(), "newest first");

  await startWorkers();
  const processed = await eventually(async () => {
    const events = await webhookEvents();
    return events.every((e) => e.status !== "received") ? events : undefined;
  }, 20_000, "every event processed");
  for (const event of processed) {
    const want = expected[event.kind]!;
    t.equal(event.status, want.status, `${event.kind} is ${want.status}`);
    t.type(event.processedAt, "string");
    if (!want.process) {
      t.equal(event.runId, null, `${event.kind} starts no run`);
      t.equal(event.error, "no process acts on this event");
      continue;
    }
    t.match(event.runId, /^[0-9a-f-]{36}$/, `${event.kind} names its run`);
    const run = await bridge.call("GET", `/api/runs/${event.runId}`);
    t.equal(run.status, 200);
    t.equal(run.body.trigger, "webhook");
    t.equal(run.body.process, want.process);
    t.equal(run.body.integrationId, integrationId);
    t.equal(run.body.scope.webhookEventId, event.eventId);
    if (event.kind === "order") t.equal(run.body.scope.ongoingOrderId, event.payload.orderId);
    else t.equal(run.body.scope.articleNumber, event.payload.article.articleNumber);
  }

  const limited = await bridge.call("GET", `/api/integrations/${integrationId}/webhook-events?limit=2`);
  t.equal(limited.status, 200);
  t.same(limited.body.map((e: any) => e.eventId), [105, 104], "limit keeps the newest");
});

t.test("a webhook Ongoing delivers five times leaves one inbox row and one run", async (t) => {
  // The sandbox plays Ongoing: a stock adjustment sends an inventory webhook, then it is redelivered.
  await e2e.ongoing.subscribeWebhooks({
    url: `${bridge.url}/webhooks/ongoing/${integrationId}`, token: webhookSecret, kinds: ["inventory"], retryPolicy: "oneDay",
  });
  const put = await request(`${e2e.ongoingSandbox.url}/articles`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from("sandbox:sandbox").toString("base64")}` },
    body: JSON.stringify({ goodsOwnerId: GOODS_OWNER_ID, articleNumber: "DUP-1", articleName: "Redelivered" }),
  });
  t.equal(put.statusCode, 200, await put.body.text());
  const jobsBefore = await db.webhookJobs();
  await e2e.ongoing.adjustStock({ goodsOwnerId: GOODS_OWNER_ID, articleNumber: "DUP-1", numberOfItems: 7 });
  const [event] = (await e2e.ongoing.waitForWebhooksIdle()).filter((e) => e.kind === "inventory");
  t.ok(event, "the sandbox sent an inventory webhook");
  t.same(event!.deliveries.map((d) => d.status), [202], "first delivery accepted");

  const redeliveries = await e2e.ongoing.redeliverWebhook(event!.webhookEventId, 4);
  t.same(redeliveries.map((d) => d.status), [200, 200, 200, 200], "redeliveries are acknowledged");

  const rows = (await db.inbox(integrationId)).filter((r) => r.kind === "inventory" && Number(r.event_id) === event!.webhookEventId);
  t.equal(rows.length, 1, "one inbox row");
  t.equal(rows[0]!.deliveries, 5, "it counts five deliveries");
  t.equal(await db.webhookJobs(), jobsBefore + 1, "one job");

  const stored = await eventually(async () => {
    const found = (await webhookEvents()).find((e) => e.kind === "inventory" && e.eventId === event!.webhookEventId);
    return found?.status === "enqueued" ? found : undefined;
  }, 20_000, "the event enqueued");
  t.equal(stored.deliveries, 5);
  const runs = (await e2e.runs("limit=500")).filter((r) => r.trigger === "webhook" && r.scope?.webhookEventId === event!.webhookEventId);
  t.equal(runs.length, 1, "one run");
  t.equal(runs[0].id, stored.runId);
  t.equal(runs[0].scope.articleNumber, "DUP-1");

  // A direct duplicate answers with the same event, and still nothing more is stored.
  const again = await deliver(bridge.url, integrationId, event!.payload, { token: webhookSecret });
  t.equal(again.status, 200);
  t.same(again.body, { status: "duplicate", eventId: event!.webhookEventId, kind: "inventory" });
  t.equal((await db.inbox(integrationId)).filter((r) => r.kind === "inventory" && Number(r.event_id) === event!.webhookEventId)[0]!.deliveries, 6);
  t.equal(await db.webhookJobs(), jobsBefore + 1);
});

t.test("the same event id of another kind is another event", async (t) => {
  const before = (await db.inbox(integrationId)).length;
  const res = await deliver(bridge.url, integrationId, webhookPayload("article", GOODS_OWNER_ID, 101), { token: webhookSecret });
  t.equal(res.status, 202, "order 101 exists, article 101 is new");
  t.equal((await db.inbox(integrationId)).length, before + 1);
});
