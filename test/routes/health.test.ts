import t from "tap";
import { startTestBridge } from "../helpers/bridge.js";

t.test("liveness and readiness", async (t) => {
  const bridge = await startTestBridge();
  t.teardown(() => bridge.close());
  t.same((await bridge.call("GET", "/health/live", { token: null })).body, { status: "ok" });
  const ready = await bridge.call("GET", "/health/ready", { token: null });
  t.equal(ready.status, 200);
  t.same(ready.body, { ready: true, checks: { database: "up", migrations: "applied" } });

  await bridge.runtime.database.sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`;
  const missing = await bridge.call("GET", "/health/ready", { token: null });
  t.equal(missing.status, 503, "503 when a migration is missing");
  t.match(missing.body.checks.migrations, /missing 1 of/);
});

t.test("readiness turns 503 when the database is gone", async (t) => {
  const bridge = await startTestBridge();
  t.teardown(() => bridge.close());
  t.equal((await bridge.call("GET", "/health/ready", { token: null })).status, 200);
  await bridge.testDatabase.kill();
  const down = await bridge.call("GET", "/health/ready", { token: null });
  t.equal(down.status, 503);
  t.equal(down.body.checks.database, "unreachable");
  t.equal((await bridge.call("GET", "/health/live", { token: null })).status, 200, "still live");
});
