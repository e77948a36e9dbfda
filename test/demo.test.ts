// The demo as a new user meets it: one command, then orders reach OrderState_Sent in the Finago
// sandbox, and Ctrl-C (SIGINT to the process group) stops everything cleanly.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import t from "tap";
import { createTestDatabase } from "./helpers/database.js";

t.test("npm run demo ships an order to OrderState_Sent and stops cleanly on Ctrl-C", async (t) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "bridge-demo-"));
  // With DATABASE_URL (CI) the demo gets a database of its own; without it, its embedded one.
  const external = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
  t.teardown(async () => {
    await external?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: "0",
    DEMO_FINAGO_PORT: "0",
    DEMO_ONGOING_PORT: "0",
    EMBEDDED_PG_PORT: "0",
    LOG_LEVEL: "warn",
  };
  if (external) env.DATABASE_URL = external.url;
  else delete env.DATABASE_URL;

  // As the README says: `npm run demo`, then Ctrl-C, which reaches npm and the demo alike.
  const child = spawn("npm", ["run", "demo"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => { output += chunk; });
  child.stderr.on("data", (chunk) => { output += chunk; });
  const exited = new Promise<string>((resolve) => child.on("exit", (code, signal) => resolve(signal ?? String(code))));
  t.teardown(() => { try { process.kill(-child.pid!, "SIGKILL"); } catch { /* already gone */ } });

  const deadline = Date.now() + 90_000;
  while (!/Finago: order \d+ is now OrderState_Sent/.test(output) && Date.now() < deadline && child.exitCode === null) {
    await new Promise((r) => setTimeout(r, 250));
  }
  t.match(output, /Swagger UI: +http:\/\/127\.0\.0\.1:\d+\/docs/, "prints where the Swagger UI is");
  t.match(output, /curl -H "Authorization: Bearer [^"]+" http:\/\/127\.0\.0\.1:\d+\/api\/runs/, "prints how to read the runs API");
  t.match(output, /Ongoing: order 900\d arrived from Finago/, "orders appear in the Ongoing sandbox");
  t.match(output, /Finago: order 900\d is now OrderState_Sent/, "a shipped order turns OrderState_Sent in Finago");

  process.kill(-child.pid!, "SIGINT"); // what Ctrl-C sends: the whole process group
  const code = await Promise.race([exited, new Promise<"hung">((r) => setTimeout(() => r("hung"), 30_000))]);
  // Once the demo has closed, npm ends itself by the SIGINT it received, as a shell expects.
  t.ok(["0", "130", "SIGINT"].includes(code), `exits after Ctrl-C (${code})\n${output.slice(-2000)}`);
  t.notMatch(output, /again while closing|took longer than|shutdown failed/, "no forced exit");
  t.match(output, /\[demo\] stopped/);
  const leftovers = execFileSync("ps", ["-eo", "pid=,args="]).toString().split("\n")
    .filter((line) => line.includes(dataDir) || line.includes("src/demo/main.ts"));
  t.same(leftovers, [], "no process of the demo is left running");
});
