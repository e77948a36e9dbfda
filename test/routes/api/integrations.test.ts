import t from "tap";
import { startTestBridge, TEST_SECRET_KEY } from "../../helpers/bridge.js";
import { createSecretBox } from "../../../src/integrations/secret-box.js";

const validBody = () => ({
  name: "Acme AS",
  finago: {
    username: "api@acme.no",
    password: "finago-pass-PLAINTEXT-1",
    applicationId: "11111111-2222-3333-4444-555555555555",
  },
  ongoing: {
    baseUrl: "https://api.ongoingsystems.se/acmewh/api/v1",
    username: "ongoing-user-PLAINTEXT-2",
    password: "ongoing-pass-PLAINTEXT-3",
    goodsOwnerId: 42,
  },
});

const bridge = await startTestBridge();
t.teardown(() => bridge.close());

t.test("happy: an integration round-trips with defaults and sealed credentials", async (t) => {
  const created = await bridge.call("POST", "/api/integrations", { body: validBody() });
  t.equal(created.status, 201);
  const id = created.body.id;
  t.match(created.body.webhookUrl, `http://bridge.test/webhooks/ongoing/${id}`);
  t.type(created.body.webhookSecret, "string");
  t.ok(created.body.webhookSecret.length >= 40, "webhook secret is long and random");
  t.equal(created.body.finago.baseUrl, "https://api.24sevenoffice.com", "Finago base URL defaults");
  t.same(created.body.settings.processes, {
    articles: true, orders: true, shipments: true, statusOnImport: false, suppliers: false, stock: true,
  });
  t.equal(created.body.settings.intervalMinutes, 15);
  t.same(created.body.settings.importOrderStates, ["Confirmed"]);
  t.equal(created.body.settings.shippedStatus, "OrderState_Sent");
  t.same(created.body.settings.shippedOngoingStatuses, [450, 500]);
  t.equal(created.body.settings.articleVariants.enabled, false);
  t.same(created.body.settings.extraFieldMappings, []);

  const read = await bridge.call("GET", `/api/integrations/${id}`);
  t.equal(read.status, 200);
  t.notOk("webhookSecret" in read.body, "the secret is shown only once");
  const text = JSON.stringify(read.body);
  for (const secret of ["finago-pass-PLAINTEXT-1", "ongoing-pass-PLAINTEXT-3", "ongoing-user-PLAINTEXT-2", "api@acme.no"]) {
    t.notOk(text.includes(secret), `API never returns ${secret}`);
  }

  const [raw] = await bridge.runtime.database.sql`select * from integrations where id = ${id}`;
  const rowText = JSON.stringify(raw);
  for (const secret of ["finago-pass-PLAINTEXT-1", "ongoing-pass-PLAINTEXT-3", "ongoing-user-PLAINTEXT-2", created.body.webhookSecret]) {
    t.notOk(rowText.includes(secret), `the raw row holds no plaintext ${secret.slice(0, 12)}…`);
  }
  const opened = createSecretBox(TEST_SECRET_KEY).open<any>(raw!.credentials_sealed);
  t.equal(opened.finago.password, "finago-pass-PLAINTEXT-1", "the sealed credentials open with SECRET_KEY");

  const list = await bridge.call("GET", "/api/integrations");
  t.equal(list.status, 200);
  t.ok(list.body.some((i: any) => i.id === id));

  const patched = await bridge.call("PATCH", `/api/integrations/${id}`, {
    body: { settings: { processes: { suppliers: true }, intervalMinutes: 5 }, finago: { password: "new-pass" } },
  });
  t.equal(patched.status, 200);
  t.equal(patched.body.settings.processes.suppliers, true);
  t.equal(patched.body.settings.processes.articles, true, "other switches keep their value");
  t.equal(patched.body.settings.intervalMinutes, 5);
  const [after] = await bridge.runtime.database.sql`select credentials_sealed from integrations where id = ${id}`;
  const reopened = createSecretBox(TEST_SECRET_KEY).open<any>(after!.credentials_sealed);
  t.equal(reopened.finago.password, "new-pass");
  t.equal(reopened.finago.username, "api@acme.no", "unchanged credentials are kept");

  const moved = await bridge.call("PATCH", `/api/integrations/${id}`, { body: { ongoing: { baseUrl: "https://api.ongoingsystems.se/elsewhere/api/v1" } } });
  t.equal(moved.status, 400, "stored credentials do not follow a base URL to a new host");
  t.equal(moved.body.field, "ongoing.password");
  const movedWithPassword = await bridge.call("PATCH", `/api/integrations/${id}`, {
    body: { ongoing: { baseUrl: "https://api.ongoingsystems.se/elsewhere/api/v1", password: "again" } },
  });
  t.equal(movedWithPassword.status, 200, "given again, they may");

  const rotated = await bridge.call("POST", `/api/integrations/${id}/webhook-secret`);
  t.equal(rotated.status, 200);
  t.not(rotated.body.webhookSecret, created.body.webhookSecret);

  const deleted = await bridge.call("DELETE", `/api/integrations/${id}`);
  t.equal(deleted.status, 204);
  t.equal((await bridge.call("GET", `/api/integrations/${id}`)).status, 404);
});

t.test("error: bad input gets 400 naming the field, unknown ids 404", async (t) => {
  const cases: Array<[string, unknown, string]> = [
    ["missing password", { ...validBody(), finago: { ...validBody().finago, password: undefined } }, "body.finago.password"],
    ["unknown process", { ...validBody(), settings: { processes: { invoices: true } } }, "body.settings.processes.invoices"],
    ["negative interval", { ...validBody(), settings: { intervalMinutes: -5 } }, "body.settings.intervalMinutes"],
    ["status not an OrderSlipStateType", { ...validBody(), settings: { shippedStatus: "Sent" } }, "body.settings.shippedStatus"],
    ["import state not an OrderSlipStateType", { ...validBody(), settings: { importOrderStates: ["ConfirmedOrder"] } }, "body.settings.importOrderStates.0"],
    ["bad application id", { ...validBody(), finago: { ...validBody().finago, applicationId: "nope" } }, "body.finago.applicationId"],
    ["goods owner id not an integer", { ...validBody(), ongoing: { ...validBody().ongoing, goodsOwnerId: "x" } }, "body.ongoing.goodsOwnerId"],
    ["unknown top-level field", { ...validBody(), color: "red" }, "body.color"],
    ["status on import without a status", { ...validBody(), settings: { processes: { statusOnImport: true } } }, "settings.importStatus"],
    ["bad variant pattern", { ...validBody(), settings: { articleVariants: { enabled: true, pattern: "(" } } }, "settings.articleVariants.pattern"],
    ["unknown extra field", { ...validBody(), settings: { extraFieldMappings: [{ source: "Product.Secret", target: "article.customerPrice" }] } }, "settings.extraFieldMappings/0"],
  ];
  for (const [name, body, field] of cases) {
    const res = await bridge.call("POST", "/api/integrations", { body });
    t.equal(res.status, 400, `${name}: 400`);
    t.equal(res.body.field, field, `${name}: names ${field}`);
    t.ok(res.body.message.includes(field), `${name}: message names the field`);
  }
  const bad = await bridge.call("POST", "/api/integrations", { body: "{not json" });
  t.equal(bad.status, 400, "malformed JSON is a 400");

  const { rows } = { rows: await bridge.runtime.database.sql`select count(*)::int as n from integrations` };
  t.equal(rows[0]!.n, 0, "nothing half-written after refused creates");

  const missing = "00000000-0000-4000-8000-000000000000";
  t.equal((await bridge.call("GET", `/api/integrations/${missing}`)).status, 404);
  t.equal((await bridge.call("PATCH", `/api/integrations/${missing}`, { body: { name: "x" } })).status, 404);
  t.equal((await bridge.call("DELETE", `/api/integrations/${missing}`)).status, 404);
  t.equal((await bridge.call("POST", `/api/integrations/${missing}/webhook-secret`)).status, 404);
  const notUuid = await bridge.call("GET", "/api/integrations/not-a-uuid");
  t.equal(notUuid.status, 400);
  t.equal(notUuid.body.field, "params.id");

  const first = await bridge.call("POST", "/api/integrations", { body: validBody() });
  const dup = await bridge.call("POST", "/api/integrations", { body: validBody() });
  t.equal(dup.status, 409, "one goods owner cannot be served twice");
  t.equal(dup.body.field, "ongoing.goodsOwnerId");
  const badPatch = await bridge.call("PATCH", `/api/integrations/${first.body.id}`, { body: { settings: { intervalMinutes: 0 } } });
  t.equal(badPatch.status, 400);
  const unchanged = await bridge.call("GET", `/api/integrations/${first.body.id}`);
  t.equal(unchanged.body.settings.intervalMinutes, 15, "a refused update changes nothing");
  await bridge.call("DELETE", `/api/integrations/${first.body.id}`);
});

t.test("security: every admin route needs the bearer token", async (t) => {
  const body = validBody();
  body.ongoing.goodsOwnerId = 4242;
  const created = await bridge.call("POST", "/api/integrations", { body });
  const id = created.body.id;
  const routes: Array<[string, string, unknown?]> = [
    ["POST", "/api/integrations", validBody()],
    ["GET", "/api/integrations"],
    ["GET", `/api/integrations/${id}`],
    ["PATCH", `/api/integrations/${id}`, { name: "x" }],
    ["DELETE", `/api/integrations/${id}`],
    ["POST", `/api/integrations/${id}/webhook-secret`],
    ["POST", `/api/integrations/${id}/test-connection`],
  ];
  for (const [method, path, body] of routes) {
    t.equal((await bridge.call(method, path, { body, token: null })).status, 401, `${method} ${path} without token`);
    t.equal((await bridge.call(method, path, { body, token: "wrong-token-wrong-token" })).status, 401, `${method} ${path} wrong token`);
  }
  t.equal((await bridge.call("GET", `/api/integrations/${id}`)).status, 200, "still there: nothing ran without auth");
});
