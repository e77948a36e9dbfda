// The operators' CLI against a real bridge database and both sandboxes.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import t from "tap";
import { TEST_ADMIN_TOKEN, TEST_CRON_TOKEN, TEST_SECRET_KEY } from "./helpers/bridge.js";
import { GOODS_OWNER_ID, startE2E } from "./helpers/e2e.js";

const run = promisify(execFile);

t.test("cli: sync runs one process now and prints its summary; runs lists it", async (t) => {
  const e2e = await startE2E({ webhooks: false });
  t.teardown(() => e2e.close());
  await e2e.finago.seedProducts([{ Id: 77, No: "CLI-77", Name: "Clamp" }]);
  const env = {
    ...process.env,
    DATABASE_URL: e2e.bridge.testDatabase.url,
    SECRET_KEY: TEST_SECRET_KEY,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    CRON_TOKEN: TEST_CRON_TOKEN,
    LOG_LEVEL: "error",
  };
  const cli = (...args: string[]) => run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], { env, timeout: 60_000 });

  const listed = await cli("integrations");
  t.match(listed.stdout, e2e.integrationId, "lists the integration");

  const synced = await cli("sync", e2e.integrationId, "articles");
  const summary = JSON.parse(synced.stdout);
  t.equal(summary.status, "succeeded");
  t.equal(summary.trigger, "operator");
  t.same(summary.counts, { created: 1 });
  t.equal(summary.items[0].targetId, "CLI-77");
  t.ok((await e2e.ongoing.articles(GOODS_OWNER_ID)).some((a) => a.articleNumber === "CLI-77"), "the article reached Ongoing");

  const runs = await cli("runs", "--integration", e2e.integrationId);
  t.match(runs.stdout, summary.id, "the run is listed");
  t.match(runs.stdout, /articles\s+operator\s+succeeded\s+created=1/);

  const bad = await cli("sync", e2e.integrationId, "invoices").catch((err) => err);
  t.equal(bad.code, 2, "an unknown process is a usage error");
  t.match(bad.stderr, /usage:/);
});
