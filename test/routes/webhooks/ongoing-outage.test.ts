// The database is unreachable while Ongoing delivers a webhook: the receiver must answer 5xx (so
// Ongoing's one-day retry policy keeps the event) and the later redelivery must land exactly once.
// The outage is made on the PostgreSQL server itself — connections to the bridge's database are
// refused and the open ones cut — which works the same on an external and on the embedded server.
// A failing job insert likewise must leave no inbox row behind.
import t from "tap";
import postgres from "postgres";
import { request } from "undici";
import { eventually, GOODS_OWNER_ID, startE2E } from "../../helpers/e2e.js";
import { deliver, observer, webhookPayload } from "./webhook-fixtures.js";

const e2e = await startE2E({ webhooks: false, config: { LOG_LEVEL: "silent" } });
const { bridge, integrationId, webhookSecret } = e2e;
const bridgeDbUrl = new URL(bridge.testDatabase.url);
const databaseName = decodeURIComponent(bridgeDbUrl.pathname.slice(1));
// An admin connection to another database of the same server: the server's own admin database
// when it is shared (never template1, which other tests' CREATE DATABASE copies), else template1.
const adminUrl = process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL) : new URL(bridgeDbUrl);
if (!process.env.DATABASE_URL) adminUrl.pathname = "/template1";
if (decodeURIComponent(adminUrl.pathname.slice(1)) === databaseName) throw new Error("admin connection would use the bridge's own database");
const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
const ident = admin(databaseName);

async function cutDatabase() {
  await admin`alter database ${ident} allow_connections false`;
  await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${databaseName} and pid <> pg_backend_pid()`;
}
async function restoreDatabase() {
  await admin`alter database ${ident} allow_connections true`;
}

t.teardown(async () => {
  await restoreDatabase().catch(() => {});
  await admin.end({ timeout: 5 });
  await e2e.close();
});

t.test("a webhook that arrives while the database is down gets 5xx, and its redelivery lands once", async (t) => {
  await e2e.ongoing.subscribeWebhooks({
    url: `${bridge.url}/webhooks/ongoing/${integrationId}`, token: webhookSecret, kinds: ["inventory"], retryPolicy: "oneDay",
  });
  // Ongoing's retries after 1, 5, 15, 30 minutes, then every 2 hours, come here after 30 ms,
  // 150 ms, 450 ms, 900 ms, then every 3.6 s.
  await e2e.ongoing.setKnobs({ webhookRetryCompression: 2000 });
  const put = await request(`${e2e.ongoingSandbox.url}/articles`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from("sandbox:sandbox").toString("base64")}` },
    body: JSON.stringify({ goodsOwnerId: GOODS_OWNER_ID, articleNumber: "OUT-1", articleName: "Outage" }),
  });
  t.equal(put.statusCode, 200, await put.body.text());

  await cutDatabase();
  let restored = false;
  try {
    const direct = await deliver(bridge.url, integrationId, webhookPayload("inventory", GOODS_OWNER_ID, 900_001), { token: webhookSecret });
    t.ok(direct.status >= 500 && direct.status < 600, `a delivery during the outage is 5xx (got ${direct.status})`);
    t.notOk(JSON.stringify(direct.body).includes(databaseName), "the answer leaks no internals");

    await e2e.ongoing.adjustStock({ goodsOwnerId: GOODS_OWNER_ID, articleNumber: "OUT-1", numberOfItems: 3 });
    const failing = await eventually(async () => {
      const { events } = await e2e.ongoing.webhookEvents();
      const event = events.find((e) => e.kind === "inventory");
      return event && event.deliveries.length >= 3 ? event : undefined;
    }, 10_000, "three refused deliveries");
    t.equal(failing.state, "retrying", "Ongoing keeps the event for a retry");
    for (const attempt of failing.deliveries) {
      t.ok(attempt.status !== undefined && attempt.status >= 500 && attempt.status < 600, `refused with 5xx (got ${attempt.status ?? attempt.error})`);
    }
    await restoreDatabase();
    restored = true;
  } finally {
    if (!restored) await restoreDatabase();
  }

  const delivered = await eventually(async () => {
    const { events } = await e2e.ongoing.webhookEvents();
    const event = events.find((e) => e.kind === "inventory");
    return event?.state === "delivered" ? event : undefined;
  }, 20_000, "the redelivery after the outage");
  const statuses = delivered.deliveries.map((d) => d.status);
  t.ok(statuses.slice(0, -1).every((s) => s !== undefined && s >= 500), `5xx until the database was back: ${statuses.join(", ")}`);
  t.equal(statuses.at(-1), 202, "then 2xx");

  const db = observer(bridge.testDatabase.url);
  t.teardown(() => db.end());
  const rows = await db.inbox(integrationId);
  t.equal(rows.length, 1, "exactly one inbox row: the event that landed, nothing from the refused attempts");
  t.equal(rows[0]!.kind, "inventory");
  t.equal(Number(rows[0]!.event_id), delivered.webhookEventId);
  t.equal(rows[0]!.deliveries, 1, "only the delivery that was stored counts");
  t.equal(await db.webhookJobs(), 1, "one job");

  // The workers recover too, and the event is processed into its one run.
  const event = await eventually(async () => {
    const res = await bridge.call("GET", `/api/integrations/${integrationId}/webhook-events`);
    return res.status === 200 && res.body[0]?.status === "enqueued" ? res.body[0] : undefined;
  }, 30_000, "the event processed after the outage");
  const runs = (await e2e.runs()).filter((r) => r.trigger === "webhook");
  t.equal(runs.length, 1);
  t.equal(runs[0].id, event.runId);
  t.equal(runs[0].scope.articleNumber, "OUT-1");
});

t.test("when the event's job cannot be queued, nothing is stored and the answer is 5xx", async (t) => {
  // The inbox row and its job commit together: make the job insert fail and the row must roll back.
  const db = observer(bridge.testDatabase.url);
  t.teardown(() => db.end());
  await db.sql.unsafe(`
    create or replace function test_refuse_webhook_job() returns trigger language plpgsql as $$
    begin
      if new.name = 'webhook-event' then raise exception 'job table unavailable'; end if;
      return new;
    end $$;
    create trigger test_refuse_webhook_job before insert on pgboss.job for each row execute function test_refuse_webhook_job();
  `);
  const before = { rows: (await db.inbox(integrationId)).length, jobs: await db.webhookJobs() };
  const payload = webhookPayload("picking", GOODS_OWNER_ID, 900_002);
  try {
    const refused = await deliver(bridge.url, integrationId, payload, { token: webhookSecret });
    t.equal(refused.status, 500, refused.text);
    t.same(refused.body, { statusCode: 500, error: "Internal Server Error", message: "internal error" });
    t.same({ rows: (await db.inbox(integrationId)).length, jobs: await db.webhookJobs() }, before, "no inbox row without its job");
  } finally {
    await db.sql.unsafe("drop trigger test_refuse_webhook_job on pgboss.job; drop function test_refuse_webhook_job()");
  }
  const redelivered = await deliver(bridge.url, integrationId, payload, { token: webhookSecret });
  t.equal(redelivered.status, 202, "the redelivery is new, not a duplicate");
  const rows = (await db.inbox(integrationId)).filter((r) => r.kind === "picking");
  t.equal(rows.length, 1);
  t.equal(rows[0]!.deliveries, 1);
  t.equal(await db.webhookJobs(), before.jobs + 1);
});
