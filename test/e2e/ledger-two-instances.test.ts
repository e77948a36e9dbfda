// Two bridge instances on one database: one run at a time per integration and process, whether
// the runs come through either instance's API and job workers or are executed directly (CLI).
import t from "tap";
import { request } from "undici";
import { TEST_ADMIN_TOKEN, testConfig } from "../helpers/bridge.js";
import { startE2E } from "../helpers/e2e.js";
import { createRuntime, type Runtime } from "../../src/runtime.js";
import { RunBusyError } from "../../src/sync/run-service.js";
import type { Slice } from "../../src/sync/slice-types.js";
import { SLICES } from "../../src/sync/slices.js";
import { seedCatalogue } from "./shipments-fixtures.js";

const CONNECTORS = {
  finagoRetry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 100 },
  ongoingRetry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 100 },
  timeoutMs: 5000,
};

// Both instances live in this process, so the slices can count how many article runs are inside
// a slice at once, on either instance.
const active = { now: 0, max: 0, byInstance: { A: 0, B: 0 } as Record<string, number> };
const watched = (instance: string): Slice => async (ctx) => {
  active.now++;
  active.max = Math.max(active.max, active.now);
  active.byInstance[instance]!++;
  try {
    await SLICES.articles(ctx);
  } finally {
    active.now--;
  }
};

t.test("two instances on one database", async (t) => {
  const e2e = await startE2E({ config: { LOG_LEVEL: "error" }, runtime: { slices: { articles: watched("A") } } });
  t.teardown(() => e2e.close());
  const second: Runtime = await createRuntime(testConfig({ LOG_LEVEL: "silent" }), {
    database: await e2e.bridge.testDatabase.open(6),
    connectors: CONNECTORS,
    slices: { articles: watched("B") },
    runRetryBaseDelayMs: 200,
  });
  t.teardown(() => second.close());
  const secondUrl = await second.app.listen({ host: "127.0.0.1", port: 0 });
  await seedCatalogue(e2e);
  // Every Ongoing call takes a while, so an unguarded second run would overlap the first.
  await e2e.ongoing.setKnobs({ latencyMs: 60 });

  await t.test("runs enqueued concurrently through both instances never overlap", async (t) => {
    const sync = async (base: string) => {
      const res = await request(`${base}/api/integrations/${e2e.integrationId}/sync/articles`, {
        method: "POST",
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ fullResync: true }),
      });
      const body = (await res.body.json()) as { runId: string };
      t.equal(res.statusCode, 202);
      return body.runId;
    };
    const runIds = await Promise.all([e2e.bridge.url, secondUrl, e2e.bridge.url, secondUrl, e2e.bridge.url, secondUrl].map(sync));
    const runs = [];
    for (const id of runIds) runs.push(await e2e.waitForRun(id, 60_000));
    t.ok(runs.every((r) => r.status === "succeeded"), JSON.stringify(runs.map((r) => [r.status, r.error])));
    t.equal(active.max, 1, "never two article runs inside the slice at once");
    t.equal(active.byInstance.A! + active.byInstance.B!, 6, `every run executed once (A ${active.byInstance.A}, B ${active.byInstance.B})`);
    const spans = runs
      .map((r) => ({ start: Date.parse(r.startedAt), end: Date.parse(r.finishedAt) }))
      .sort((a, b) => a.start - b.start);
    for (let i = 1; i < spans.length; i++) {
      t.ok(spans[i]!.start >= spans[i - 1]!.end, `run ${i} started after run ${i - 1} ended`);
    }
    t.equal(runs.filter((r) => r.counts.created).length, 1, "the first run created the articles");
    t.ok(runs.filter((r) => !r.counts.created).every((r) => r.counts.unchanged === 3), "the others found them unchanged");
  });

  await t.test("a run executed directly while another instance runs the process waits its turn", async (t) => {
    // A third instance only records runs (as the CLI does), so no worker takes them.
    const recorder = await createRuntime(testConfig({ LOG_LEVEL: "silent", WORKERS_ENABLED: false }), {
      database: await e2e.bridge.testDatabase.open(2),
      connectors: CONNECTORS,
      runQueue: () => ({ async enqueueRun() {} }),
    });
    t.teardown(() => recorder.close());
    const earlier = await recorder.runs.requestRun({ integrationId: e2e.integrationId, process: "articles", trigger: "operator", fullResync: true });
    const other = await recorder.runs.requestRun({ integrationId: e2e.integrationId, process: "articles", trigger: "operator", fullResync: true });
    const outcomes = await Promise.allSettled([
      e2e.bridge.runtime.runs.executeRun(earlier.id),
      second.runs.executeRun(other.id),
    ]);
    const busy = outcomes.filter((o) => o.status === "rejected");
    t.equal(busy.length, 1, "one of the two is refused");
    t.ok((busy[0] as PromiseRejectedResult).reason instanceof RunBusyError, String((busy[0] as PromiseRejectedResult).reason));
    const done = outcomes.find((o) => o.status === "fulfilled") as PromiseFulfilledResult<any>;
    t.equal(done.value.status, "succeeded");

    const waiting = (busy[0] as PromiseRejectedResult).reason.run.id as string;
    t.equal((await e2e.bridge.call("GET", `/api/runs/${waiting}`)).body.status, "queued", "the refused run is still queued, untouched");
    const later = await second.runs.executeRun(waiting);
    t.equal(later?.status, "succeeded", "and runs once the other is done");
  });
});
