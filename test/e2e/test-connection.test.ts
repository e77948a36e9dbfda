// POST /api/integrations/:id/test-connection against both sandboxes.
import t from "tap";
import { startE2E } from "../helpers/e2e.js";

t.test("test-connection reports both systems, bad credentials and unknown shipped statuses", async (t) => {
  const e2e = await startE2E({ webhooks: false, config: { LOG_LEVEL: "silent" } });
  t.teardown(() => e2e.close());
  const path = `/api/integrations/${e2e.integrationId}/test-connection`;

  const good = await e2e.bridge.call("POST", path);
  t.equal(good.status, 200);
  t.equal(good.body.finago.ok, true, "Finago login works");
  t.equal(good.body.ongoing.ok, true, "Ongoing answers");
  t.ok(good.body.ongoing.orderStatuses.some((s: any) => s.number === 450), "the warehouse's status list");
  t.same(good.body.ongoing.unknownShippedStatuses, [], "450 and 500 exist here");

  await e2e.updateSettings({ shippedOngoingStatuses: [450, 475] });
  const unknown = await e2e.bridge.call("POST", path);
  t.same(unknown.body.ongoing.unknownShippedStatuses, [475], "a shipped status this warehouse does not have");

  const broken = await e2e.bridge.call("PATCH", `/api/integrations/${e2e.integrationId}`, {
    body: { finago: { password: "wrong-password" }, ongoing: { password: "wrong-password" } },
  });
  t.equal(broken.status, 200);
  const bad = await e2e.bridge.call("POST", path);
  t.equal(bad.status, 200);
  t.equal(bad.body.finago.ok, false);
  t.match(bad.body.finago.error, /^authentication: /, "Finago refused the login");
  t.equal(bad.body.ongoing.ok, false);
  t.match(bad.body.ongoing.error, /^authentication: /, "Ongoing refused the credentials");
  t.notOk(JSON.stringify(bad.body).includes("wrong-password"), "no secret in the report");

  t.equal((await e2e.bridge.call("POST", path, { token: null })).status, 401);
  t.equal((await e2e.bridge.call("POST", "/api/integrations/00000000-0000-4000-8000-000000000000/test-connection")).status, 404);
});
