// pg-boss queues: sync runs and webhook events. Work survives restarts and is shared by every
// instance on the same database. One run at a time per integration and process is kept by the
// run service's advisory lock, not by a pg-boss singleton: a singleton job that cannot start
// would be fetched again and again and hold up every other integration's work.
import PgBoss from "pg-boss";
import type postgres from "postgres";
import type { RunQueue } from "../sync/run-service.js";

export const SYNC_RUN_QUEUE = "sync-run";
export const WEBHOOK_EVENT_QUEUE = "webhook-event";

export interface JobQueue extends RunQueue {
  /** Inside the caller's transaction, so the event and its job commit together. */
  enqueueWebhookEvent(eventRowId: number, tx: postgres.TransactionSql): Promise<void>;
  work(handlers: {
    runSync(runId: string): Promise<void>;
    processWebhookEvent(eventRowId: number): Promise<void>;
  }, concurrency: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startJobQueue(options: {
  url: string;
  onError?: (err: Error) => void;
  pollingIntervalSeconds?: number;
  retryDelaySeconds?: number;
}): Promise<JobQueue> {
  const boss = new PgBoss({ connectionString: options.url, schema: "pgboss", max: 4, application_name: "bridge-jobs" });
  boss.on("error", (err) => options.onError?.(err));
  await boss.start();
  const retryDelay = options.retryDelaySeconds ?? 2;
  const syncRunQueue = { name: SYNC_RUN_QUEUE, policy: "standard" as const, retryLimit: 20, retryDelay, retryBackoff: true, expireInSeconds: 30 * 60 };
  await boss.createQueue(SYNC_RUN_QUEUE, syncRunQueue);
  // createQueue keeps an existing queue as it was; an older deployment's queue gets today's settings.
  await boss.updateQueue(SYNC_RUN_QUEUE, syncRunQueue);
  await boss.createQueue(WEBHOOK_EVENT_QUEUE, {
    name: WEBHOOK_EVENT_QUEUE,
    retryLimit: 10,
    retryDelay,
    retryBackoff: true,
  });
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 1;

  return {
    async enqueueRun(run, startAfter) {
      await boss.send(SYNC_RUN_QUEUE, { runId: run.id }, startAfter ? { startAfter } : {});
    },

    async enqueueWebhookEvent(eventRowId, tx) {
      await boss.send(WEBHOOK_EVENT_QUEUE, { eventRowId }, {
        db: { executeSql: async (text, values) => ({ rows: await tx.unsafe(text, values.map(asPgParameter) as never[]) }) },
      });
    },

    async work(handlers, concurrency) {
      for (let i = 0; i < concurrency; i++) {
        await boss.work<{ runId: string }>(SYNC_RUN_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
          if (job) await handlers.runSync(job.data.runId);
        });
        await boss.work<{ eventRowId: number }>(WEBHOOK_EVENT_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
          if (job) await handlers.processWebhookEvent(job.data.eventRowId);
        });
      }
    },

    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}

/** pg-boss writes for node-postgres, which sends undefined as null and plain objects as JSON; postgres.js needs both done. */
function asPgParameter(value: unknown): unknown {
  if (value === undefined) return null;
  return value !== null && typeof value === "object" && !(value instanceof Date) && !Array.isArray(value) && !Buffer.isBuffer(value)
    ? JSON.stringify(value)
    : value;
}
