// GET /api/integrations/:id/sync-state: where each process stands, as an operator reads it.
import t from "tap";
import { startE2E } from "../helpers/e2e.js";

t.test("sync-state shows cursors, last success and failures in a row per process", async (t) => {
  const e2e = await startE2E({ webhooks: false, config: { LOG_LEVEL: "silent" }, runtime: { runRetryBaseDelayMs: 60_000 } });
  t.teardown(() => e2e.close());
  const path = `/api/integrations/${e2e.integrationId}/sync-state`;

  const fresh = await e2e.bridge.call("GET", path);
  t.equal(fresh.status, 200);
  t.same(fresh.body.map((s: any) => [s.process, s.enabled]), [
    ["articles", true], ["orders", true], ["shipments", true], ["suppliers", false], ["stock", true],
  ], "every process with its switch");
  t.ok(fresh.body.every((s: any) => s.cursor === null && s.consecutiveFailures === 0), "nothing has run yet");

  await e2e.finago.seedProducts([{ Id: 1, No: "S-1", Name: "One" }]);
  const run = await e2e.sync("articles");
  const articles = (await e2e.bridge.call("GET", path)).body.find((s: any) => s.process === "articles");
  t.equal(articles.cursor, run.cursorAfter, "the cursor the run left");
  t.ok(articles.lastSucceededAt, "last success recorded");
  t.equal(articles.consecutiveFailures, 0);

  await e2e.finago.seedProducts([{ Id: 2, No: "S-2", Name: "Two" }]);
  await e2e.ongoing.injectFault({ kind: "error500", count: 10, route: "PUT /articles" });
  const failed = await e2e.sync("articles");
  t.equal(failed.status, "failed");
  const after = (await e2e.bridge.call("GET", path)).body.find((s: any) => s.process === "articles");
  t.equal(after.consecutiveFailures, 1, "one failed run in a row");
  t.equal(after.cursor, run.cursorAfter, "the cursor did not move past the unwritten product");

  t.equal((await e2e.bridge.call("GET", path, { token: null })).status, 401);
  t.equal((await e2e.bridge.call("GET", "/api/integrations/00000000-0000-4000-8000-000000000000/sync-state")).status, 404);
});
