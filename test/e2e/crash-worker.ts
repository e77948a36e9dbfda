// A bridge worker in its own process, for crash-recovery.test.ts to kill mid-run: it starts an
// orders run of the integration on the test database and stops for good once it has recorded
// the order named, printing one JSON line per step on stdout.
// Env: BRIDGE_DATABASE_URL, INTEGRATION_ID, FREEZE_AFTER_ORDER.
import { openDatabase } from "../../src/db/database.js";
import type { ItemRecord } from "../../src/ledger/ledger-types.js";
import { createRuntime } from "../../src/runtime.js";
import type { Slice } from "../../src/sync/slice-types.js";
import { SLICES } from "../../src/sync/slices.js";
import { testConfig } from "../helpers/bridge.js";

const url = process.env.BRIDGE_DATABASE_URL;
const integrationId = process.env.INTEGRATION_ID;
const freezeAfter = process.env.FREEZE_AFTER_ORDER;
if (!url || !integrationId || !freezeAfter) throw new Error("BRIDGE_DATABASE_URL, INTEGRATION_ID and FREEZE_AFTER_ORDER are required");

const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

const freezingOrders: Slice = (ctx) =>
  SLICES.orders({
    ...ctx,
    async record(item: ItemRecord) {
      await ctx.record(item);
      if (item.entity === "order" && item.sourceId === freezeAfter) {
        say({ frozen: item.sourceId });
        await new Promise<void>(() => {});
      }
    },
  });

const database = await openDatabase({ url, dataDir: "unused", maxConnections: 4 });
const runtime = await createRuntime(testConfig({ LOG_LEVEL: "silent", WORKERS_ENABLED: false }), {
  database,
  slices: { orders: freezingOrders },
  // This process runs its run itself, as the CLI does, so no other worker takes it.
  runQueue: () => ({ async enqueueRun() {} }),
  connectors: { finagoRetry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 10 }, ongoingRetry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 10 }, timeoutMs: 5000 },
});
const run = await runtime.runs.requestRun({ integrationId, process: "orders", trigger: "operator" });
say({ runId: run.id });
await runtime.runs.executeRun(run.id);
say({ finished: run.id });
