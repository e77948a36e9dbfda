import { Writable } from "node:stream";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import t from "tap";
import { ConfigError, devSecretsPath, loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";

const key = "ab".repeat(32);
const tokens = { ADMIN_TOKEN: "admin-token-0123456789", CRON_TOKEN: "cron-token-0123456789" };

t.test("a bad or missing variable stops the start with a message naming it", async (t) => {
  const cases: Array<[NodeJS.ProcessEnv, RegExp]> = [
    [{ PORT: "abc", SECRET_KEY: key, ...tokens }, /PORT/],
    [{ SECRET_KEY: "too-short", ...tokens }, /SECRET_KEY/],
    [{ DATABASE_URL: "mysql://x", SECRET_KEY: key, ...tokens }, /DATABASE_URL/],
    [{ LOG_LEVEL: "loud", SECRET_KEY: key, ...tokens }, /LOG_LEVEL/],
    [{ NODE_ENV: "production", DATABASE_URL: "postgres://db/bridge", ...tokens }, /SECRET_KEY is required in production/],
    [{ NODE_ENV: "production", DATABASE_URL: "postgres://db/bridge", SECRET_KEY: key, CRON_TOKEN: tokens.CRON_TOKEN }, /ADMIN_TOKEN is required in production/],
    [{ NODE_ENV: "production", SECRET_KEY: key, ...tokens }, /DATABASE_URL is required in production/],
  ];
  for (const [env, message] of cases) {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      error = err;
    }
    t.ok(error instanceof ConfigError, `refused: ${JSON.stringify(env).slice(0, 70)}`);
    t.match((error as Error | undefined)?.message, message, "names the variable");
  }
});

t.test("defaults, and development secrets generated once with mode 0600", async (t) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "bridge-config-"));
  const first = loadConfig({ DATA_DIR: dataDir });
  t.equal(first.HOST, "0.0.0.0");
  t.equal(first.PORT, 3000);
  t.match(first.SECRET_KEY, /^[0-9a-f]{64}$/);
  t.equal(statSync(devSecretsPath(dataDir)).mode & 0o777, 0o600);
  t.equal(loadConfig({ DATA_DIR: dataDir }).ADMIN_TOKEN, first.ADMIN_TOKEN, "the same secrets on the next start");
  t.equal(JSON.parse(readFileSync(devSecretsPath(dataDir), "utf8")).CRON_TOKEN, first.CRON_TOKEN);
});

t.test("logs redact secrets", async (t) => {
  const lines: string[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  const log = createLogger("info", sink);
  log.info({ req: { headers: { authorization: "Bearer admin-secret", "x-auth-token": "hook-secret", cookie: "ASP.NET_SessionId=s3ss10n" } } }, "request");
  log.info({ finago: { username: "api@acme.no", password: "pw-secret", sessionId: "s3ss10n" } }, "credentials");
  const text = lines.join("");
  for (const secret of ["admin-secret", "hook-secret", "s3ss10n", "pw-secret", "api@acme.no"]) {
    t.notOk(text.includes(secret), `${secret} not logged`);
  }
  t.match(text, /\[redacted\]/);
});
