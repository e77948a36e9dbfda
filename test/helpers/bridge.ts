// Starts the whole bridge on 127.0.0.1 with its own fresh database, for tests over real HTTP.
import { request } from "undici";
import type { Config } from "../../src/config.js";
import { createRuntime, type Runtime, type RuntimeOptions } from "../../src/runtime.js";
import { createTestDatabase, type TestDatabase } from "./database.js";

export const TEST_ADMIN_TOKEN = "test-admin-token-0123456789";
export const TEST_CRON_TOKEN = "test-cron-token-0123456789";
export const TEST_SECRET_KEY = "a1".repeat(32);

export interface TestBridge {
  url: string;
  runtime: Runtime;
  testDatabase: TestDatabase;
  /** JSON request to the bridge; `token: null` sends no Authorization header. */
  call(method: string, path: string, options?: { body?: unknown; token?: string | null; headers?: Record<string, string> }): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: 0,
    DATA_DIR: "./data",
    EMBEDDED_PG_PORT: 0,
    SECRET_KEY: TEST_SECRET_KEY,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    CRON_TOKEN: TEST_CRON_TOKEN,
    LOG_LEVEL: "silent",
    SHUTDOWN_GRACE_MS: 2000,
    WEBHOOK_BODY_LIMIT: 65536,
    WORKER_CONCURRENCY: 2,
    WORKERS_ENABLED: true,
    PUBLIC_URL: "http://bridge.test",
    ...overrides,
  };
}

export async function startTestBridge(overrides: Partial<Config> = {}, options: RuntimeOptions = {}): Promise<TestBridge> {
  const testDatabase = await createTestDatabase();
  const database = await testDatabase.open();
  const runtime = await createRuntime(testConfig(overrides), { ...options, database });
  const address = await runtime.app.listen({ host: "127.0.0.1", port: 0 });
  return {
    url: address,
    runtime,
    testDatabase,
    async call(method, path, options = {}) {
      const token = options.token === undefined ? TEST_ADMIN_TOKEN : options.token;
      const res = await request(`${address}${path}`, {
        method: method as "GET",
        headers: {
          ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
      });
      const text = await res.body.text();
      let body: unknown = text;
      try { body = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
      return { status: res.statusCode, body };
    },
    async close() {
      await runtime.close();
      await testDatabase.drop();
    },
  };
}
