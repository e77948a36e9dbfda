// End-to-end harness: both sandboxes and the whole bridge (database, job queue, workers) on
// 127.0.0.1, with one integration wired to the sandboxes and Ongoing's webhooks pointed at the bridge.
import { setTimeout as sleep } from "node:timers/promises";
import type { Config } from "../../src/config.js";
import type { SettingsPatch } from "../../src/integrations/integration-settings.js";
import { createFinagoSandboxAdmin, type FinagoSandboxAdmin } from "../../src/sandbox/finago/admin-client.js";
import { startFinagoSandbox, type FinagoSandbox } from "../../src/sandbox/finago/server.js";
import { createOngoingSandboxControl, type OngoingSandboxControl } from "../../src/sandbox/ongoing/control-client.js";
import { startOngoingSandbox, type RunningOngoingSandbox } from "../../src/sandbox/ongoing/server.js";
import type { RuntimeOptions } from "../../src/runtime.js";
import { startTestBridge, TEST_CRON_TOKEN, type TestBridge } from "./bridge.js";

export const GOODS_OWNER_ID = 1;
export const FINAGO_USER = { username: "api@sandbox.example", password: "sandbox-password" };
export const APPLICATION_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

export interface E2E {
  bridge: TestBridge;
  finagoSandbox: FinagoSandbox;
  ongoingSandbox: RunningOngoingSandbox;
  finago: FinagoSandboxAdmin;
  ongoing: OngoingSandboxControl;
  integrationId: string;
  webhookSecret: string;
  /** Queues a run through the operator API and waits until it has finished. */
  sync(process: string, body?: { fullResync?: boolean; dryRun?: boolean }): Promise<any>;
  /** Waits for a run to finish and returns it with its items. */
  waitForRun(runId: string, timeoutMs?: number): Promise<any>;
  runs(query?: string): Promise<any[]>;
  updateSettings(settings: SettingsPatch): Promise<void>;
  /** Calls POST /cron/tick as the external cron does and waits for the runs it enqueued. */
  tickAndWait(): Promise<Array<{ integrationId: string; process: string; runId: string }>>;
  close(): Promise<void>;
}

export async function startE2E(options: {
  settings?: SettingsPatch;
  config?: Partial<Config>;
  runtime?: RuntimeOptions;
  /** Subscribe the bridge to the Ongoing sandbox's webhooks (default true). */
  webhooks?: boolean;
} = {}): Promise<E2E> {
  const finagoSandbox = await startFinagoSandbox({ config: { quirks: true } });
  const ongoingSandbox = await startOngoingSandbox({ webhookRetryCompression: 60_000 });
  const bridge = await startTestBridge(options.config, {
    connectors: { finagoRetry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 100 }, ongoingRetry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 100 }, timeoutMs: 5000 },
    runRetryBaseDelayMs: 200,
    ...options.runtime,
  });
  const created = await bridge.call("POST", "/api/integrations", {
    body: {
      name: "E2E goods owner",
      finago: { baseUrl: finagoSandbox.url, ...FINAGO_USER, applicationId: APPLICATION_ID },
      ongoing: { baseUrl: ongoingSandbox.url, username: "sandbox", password: "sandbox", goodsOwnerId: GOODS_OWNER_ID },
      settings: options.settings ?? {},
    },
  });
  if (created.status !== 201) throw new Error(`integration not created: ${JSON.stringify(created.body)}`);
  const integrationId: string = created.body.id;
  const ongoing = createOngoingSandboxControl(ongoingSandbox.url);
  if (options.webhooks !== false) {
    await ongoing.subscribeWebhooks({
      url: `${bridge.url}/webhooks/ongoing/${integrationId}`,
      token: created.body.webhookSecret,
      retryPolicy: "oneDay",
    });
  }

  async function waitForRun(runId: string, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await bridge.call("GET", `/api/runs/${runId}`);
      if (res.status === 200 && !["queued", "running"].includes(res.body.status)) return res.body;
      if (Date.now() > deadline) throw new Error(`run ${runId} did not finish: ${JSON.stringify(res.body)}`);
      await sleep(100);
    }
  }

  return {
    bridge,
    finagoSandbox,
    ongoingSandbox,
    finago: createFinagoSandboxAdmin(finagoSandbox.url),
    ongoing,
    integrationId,
    webhookSecret: created.body.webhookSecret,
    waitForRun,
    async sync(process, body = {}) {
      const res = await bridge.call("POST", `/api/integrations/${integrationId}/sync/${process}`, { body });
      if (res.status !== 202) throw new Error(`sync ${process} not accepted: ${JSON.stringify(res.body)}`);
      return waitForRun(res.body.runId);
    },
    async runs(query = "") {
      const res = await bridge.call("GET", `/api/runs?integrationId=${integrationId}${query ? `&${query}` : ""}`);
      return res.body;
    },
    async updateSettings(settings) {
      const res = await bridge.call("PATCH", `/api/integrations/${integrationId}`, { body: { settings } });
      if (res.status !== 200) throw new Error(`settings refused: ${JSON.stringify(res.body)}`);
    },
    async tickAndWait() {
      const res = await bridge.call("POST", "/cron/tick", { token: TEST_CRON_TOKEN });
      if (res.status !== 200) throw new Error(`tick refused: ${res.status} ${JSON.stringify(res.body)}`);
      for (const run of res.body.enqueued) await waitForRun(run.runId);
      return res.body.enqueued;
    },
    async close() {
      await bridge.close();
      await ongoingSandbox.stop();
      await finagoSandbox.stop();
    },
  };
}

/** Polls until `check` returns a truthy value. */
export async function eventually<T>(check: () => Promise<T | undefined | false | null>, timeoutMs = 20_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
