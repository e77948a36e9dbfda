// `npm start`'s process as Fly.io runs it: ready on its port, and SIGTERM closes it gracefully.
import { spawn } from "node:child_process";
import t from "tap";
import { request } from "undici";
import { findFreePort } from "../src/db/database.js";
import { TEST_ADMIN_TOKEN, TEST_CRON_TOKEN, TEST_SECRET_KEY } from "./helpers/bridge.js";
import { createTestDatabase } from "./helpers/database.js";

t.test("the server starts, answers ready, and exits 0 on SIGTERM after closing", async (t) => {
  const database = await createTestDatabase();
  t.teardown(() => database.drop());
  const port = await findFreePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    env: {
      ...process.env, DATABASE_URL: database.url, PORT: String(port), HOST: "127.0.0.1",
      SECRET_KEY: TEST_SECRET_KEY, ADMIN_TOKEN: TEST_ADMIN_TOKEN, CRON_TOKEN: TEST_CRON_TOKEN, LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (c) => { output += c; });
  child.stderr.on("data", (c) => { output += c; });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  t.teardown(() => { if (child.exitCode === null) child.kill("SIGKILL"); });

  let ready = 0;
  for (const deadline = Date.now() + 30_000; Date.now() < deadline && ready !== 200; await new Promise((r) => setTimeout(r, 200))) {
    ready = await request(`http://127.0.0.1:${port}/health/ready`).then(async (r) => { await r.body.dump(); return r.statusCode; }, () => 0);
  }
  t.equal(ready, 200, "ready on its port");

  child.kill("SIGTERM");
  const code = await Promise.race([exited, new Promise<"hung">((r) => setTimeout(() => r("hung"), 20_000))]);
  t.equal(code, 0, `exits 0\n${output.slice(-1500)}`);
  t.match(output, /"signal":"SIGTERM".*shutting down/, "logs why it stops");
  t.notOk(output.includes(TEST_SECRET_KEY) || output.includes(TEST_ADMIN_TOKEN), "no secret in the logs");
});
