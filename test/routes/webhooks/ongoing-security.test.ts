// Who may deliver webhooks: only a holder of the integration's current secret, and every stranger
// gets the same 401 whatever is wrong, before the body is even looked at.
import { randomUUID } from "node:crypto";
import t from "tap";
import { request } from "undici";
import { GOODS_OWNER_ID, startE2E } from "../../helpers/e2e.js";
import { deliver, observer, webhookPayload } from "./webhook-fixtures.js";

const e2e = await startE2E({ webhooks: false, config: { LOG_LEVEL: "silent" } });
const db = observer(e2e.bridge.testDatabase.url);
t.teardown(async () => {
  await db.end();
  await e2e.close();
});
const { bridge, integrationId, webhookSecret } = e2e;
let nextEventId = 1;
const payload = () => webhookPayload("article", GOODS_OWNER_ID, nextEventId++);

async function stored() {
  const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from webhook_events`;
  return { rows: row!.n, jobs: await db.webhookJobs() };
}

t.test("missing token, wrong token and unknown integration all get the same 401", async (t) => {
  const other = await bridge.call("POST", "/api/integrations", {
    body: {
      name: "Other goods owner",
      finago: { username: "x@y.no", password: "p", applicationId: randomUUID() },
      ongoing: { baseUrl: e2e.ongoingSandbox.url, username: "sandbox", password: "sandbox", goodsOwnerId: GOODS_OWNER_ID + 1 },
    },
  });
  t.equal(other.status, 201);
  const before = await stored();
  const attempts: Array<[string, string, string | undefined]> = [
    ["no X-Auth-Token", integrationId, undefined],
    ["empty X-Auth-Token", integrationId, ""],
    ["wrong token", integrationId, "not-the-secret"],
    ["the secret but its last character", integrationId, webhookSecret.slice(0, -1) + (webhookSecret.endsWith("A") ? "B" : "A")],
    ["a prefix of the secret", integrationId, webhookSecret.slice(0, 20)],
    ["the secret with one more character", integrationId, `${webhookSecret}x`],
    ["the secret in another case", integrationId, webhookSecret.toUpperCase() === webhookSecret ? webhookSecret.toLowerCase() : webhookSecret.toUpperCase()],
    ["another integration's secret", integrationId, other.body.webhookSecret],
    ["the secret for another integration", other.body.id, webhookSecret],
    ["unknown integration (uuid)", randomUUID(), webhookSecret],
    ["unknown integration (uuid) without token", randomUUID(), undefined],
    ["unknown integration (not a uuid)", "not-a-uuid", webhookSecret],
    ["unknown integration (SQL-ish)", "1' or '1'='1", webhookSecret],
  ];
  const answers = new Set<string>();
  for (const [what, id, token] of attempts) {
    const res = await deliver(bridge.url, encodeURIComponent(id), payload(), { token });
    t.equal(res.status, 401, what);
    answers.add(res.text);
  }
  t.equal(answers.size, 1, "every refusal reads the same");
  t.same(JSON.parse([...answers][0]!), { statusCode: 401, error: "Unauthorized", message: "unknown integration or wrong X-Auth-Token" });
  t.notOk([...answers][0]!.includes(webhookSecret), "the answer never echoes the secret");
  t.same(await stored(), before, "no inbox row and no job");
});

t.test("a stranger is refused before the body is read, so validation reveals nothing", async (t) => {
  const before = await stored();
  const bodies: Array<[string, string]> = [
    ["malformed JSON", "{not json"],
    ["wrong shape", JSON.stringify({ hello: "world" })],
    ["another goods owner", JSON.stringify(webhookPayload("order", GOODS_OWNER_ID + 1, 900))],
    ["oversized", JSON.stringify({ ...payload(), padding: "x".repeat(100_000) })],
  ];
  for (const [what, body] of bodies) {
    for (const token of [undefined, "wrong"]) {
      const res = await deliver(bridge.url, integrationId, body, { token });
      t.equal(res.status, 401, `${what}, token ${token ?? "missing"}`);
    }
    const unknown = await deliver(bridge.url, randomUUID(), body, { token: webhookSecret });
    t.equal(unknown.status, 401, `${what}, unknown integration`);
  }
  t.same(await stored(), before, "no inbox row and no job");
});

t.test("after the secret is rotated the old one is refused and the new one works", async (t) => {
  const unauthorised = await bridge.call("POST", `/api/integrations/${integrationId}/webhook-secret`, { token: null });
  t.equal(unauthorised.status, 401, "rotation needs the admin token");
  const byWebhookSecret = await bridge.call("POST", `/api/integrations/${integrationId}/webhook-secret`, { token: webhookSecret });
  t.equal(byWebhookSecret.status, 401, "the webhook secret is no admin token");
  const stillOld = await deliver(bridge.url, integrationId, payload(), { token: webhookSecret });
  t.equal(stillOld.status, 202, "a refused rotation changes nothing");

  const rotated = await bridge.call("POST", `/api/integrations/${integrationId}/webhook-secret`);
  t.equal(rotated.status, 200);
  const newSecret: string = rotated.body.webhookSecret;
  t.not(newSecret, webhookSecret);
  t.ok(newSecret.length >= 40, "a long random secret");
  t.equal(rotated.body.webhookUrl, `http://bridge.test/webhooks/ongoing/${integrationId}`);

  const before = (await db.inbox(integrationId)).length;
  const old = await deliver(bridge.url, integrationId, payload(), { token: webhookSecret });
  t.equal(old.status, 401, "the old secret is refused at once");
  t.same(old.body, { statusCode: 401, error: "Unauthorized", message: "unknown integration or wrong X-Auth-Token" });
  t.equal((await db.inbox(integrationId)).length, before);
  const fresh = await deliver(bridge.url, integrationId, payload(), { token: newSecret });
  t.equal(fresh.status, 202, "the new secret is accepted");
  t.equal((await db.inbox(integrationId)).length, before + 1);

  // A sandbox subscription still on the old secret keeps being refused; on the new one it lands.
  const put = await e2e.ongoing.subscribeWebhooks({
    url: `${bridge.url}/webhooks/ongoing/${integrationId}`, token: webhookSecret, kinds: ["order"], retryPolicy: "none",
  });
  await e2e.ongoing.subscribeWebhooks({
    url: `${bridge.url}/webhooks/ongoing/${integrationId}`, token: newSecret, kinds: ["order"], retryPolicy: "none",
  });
  await request(`${e2e.ongoingSandbox.url}/articles`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from("sandbox:sandbox").toString("base64")}` },
    body: JSON.stringify({ goodsOwnerId: GOODS_OWNER_ID, articleNumber: "ROT-1", articleName: "Rotated" }),
  }).then((r) => r.body.dump());
  const order = await request(`${e2e.ongoingSandbox.url}/orders`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from("sandbox:sandbox").toString("base64")}` },
    body: JSON.stringify({
      goodsOwnerId: GOODS_OWNER_ID, orderNumber: "ROT-ORDER-1", deliveryDate: "2030-01-01T00:00:00",
      consignee: { name: "Kunde", address1: "Gate 1", postCode: "0150", city: "Oslo", countryCode: "NO" },
      orderLines: [{ rowNumber: "1", articleNumber: "ROT-1", numberOfItems: 1 }],
    }),
  });
  t.ok([200, 201].includes(order.statusCode), await order.body.text());
  const events = (await e2e.ongoing.waitForWebhooksIdle()).filter((e) => e.kind === "order");
  const byOld = events.filter((e) => e.subscriptionId === put.id);
  const byNew = events.filter((e) => e.subscriptionId !== put.id);
  t.equal(byOld.length, 1);
  t.same(byOld[0]!.deliveries.map((d) => d.status), [401], "the old secret's delivery is refused");
  t.equal(byOld[0]!.state, "gave-up");
  t.same(byNew[0]!.deliveries.map((d) => d.status), [202], "the new secret's delivery lands");
});

t.test("the webhook-events API needs the admin token", async (t) => {
  const path = `/api/integrations/${integrationId}/webhook-events`;
  t.equal((await bridge.call("GET", path, { token: null })).status, 401, "no token");
  t.equal((await bridge.call("GET", path, { token: "wrong-token" })).status, 401, "wrong token");
  const secret = await bridge.call("GET", path, { token: null, headers: { "x-auth-token": webhookSecret } });
  t.equal(secret.status, 401, "the webhook secret opens nothing but the receiver");
  const ok = await bridge.call("GET", path);
  t.equal(ok.status, 200);
  t.ok(ok.body.length >= 2);
  t.equal((await bridge.call("GET", `/api/integrations/${randomUUID()}/webhook-events`)).status, 404, "unknown integration");
  t.equal((await bridge.call("GET", "/api/integrations/not-a-uuid/webhook-events")).status, 400, "not a uuid");
});
