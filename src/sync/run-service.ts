// Runs a sync slice for one integration and process, and keeps the ledger of it: one run at a
// time per integration and process (an advisory lock, across instances), counts, calls made,
// cursors, retries of transient failures and dead letters of items that keep failing.
import { createHash } from "node:crypto";
import postgres from "postgres";
import type { Database } from "../db/database.js";
import type { IntegrationService } from "../integrations/integration-service.js";
import { PROCESS_NAMES, type ProcessName } from "../integrations/integration-settings.js";
import type { LedgerDal, RunRow } from "../ledger/ledger-dal.js";
import { processOfEntity, type ItemAction, type RunCounts, type RunRequest } from "../ledger/ledger-types.js";
import { classifyError } from "./classify-error.js";
import type { ConnectorRegistry, Connectors } from "./connectors.js";
import type { SliceContext, SliceLogger, SliceRegistry } from "./slice-types.js";

/** Where queued runs go; pg-boss in the service, direct execution in the CLI and some tests. */
export interface RunQueue {
  enqueueRun(run: { id: string; integrationId: string; process: string }, startAfter?: Date): Promise<void>;
}

export interface RunServiceDeps {
  database: Database;
  ledger: LedgerDal;
  integrations: Pick<IntegrationService, "resolve" | "resolveAll">;
  connectors: Pick<ConnectorRegistry, "for">;
  slices: SliceRegistry;
  queue: RunQueue;
  log: SliceLogger;
  now?: () => Date;
  /** Failed attempts after which an item is dead-lettered. */
  maxItemAttempts?: number;
  /** Retry runs after a transient failure, with backoff. */
  maxRunRetries?: number;
  retryBaseDelayMs?: number;
}

export class RunBusyError extends Error {
  constructor(readonly run: { id: string; integrationId: string; process: string }) {
    super(`another run of this integration and process is in progress; run ${run.id} waits`);
  }
}

export interface RunSummary {
  runId: string;
  status: string;
  counts: RunCounts;
  calls: { finago: number; ongoing: number };
  cursorBefore: Date | null;
  cursorAfter: Date | null;
  error?: string;
  retryRunId?: string;
}

export function createRunService(deps: RunServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const maxItemAttempts = deps.maxItemAttempts ?? 5;
  const maxRunRetries = deps.maxRunRetries ?? 5;
  const retryBaseDelayMs = deps.retryBaseDelayMs ?? 30_000;

  async function requestRun(request: RunRequest, startAfter?: Date): Promise<RunRow> {
    const run = await deps.ledger.createRun(request);
    await deps.queue.enqueueRun(run, startAfter);
    return run;
  }

  async function executeRun(runId: string): Promise<RunSummary | undefined> {
    const queued = await deps.ledger.getRun(runId);
    if (!queued || (queued.status !== "queued" && queued.status !== "running")) return undefined;
    // The lock lives on a connection of its own: if the database drops that session mid-run,
    // PostgreSQL frees the lock and the unlock below fails harmlessly (a reserved pool
    // connection would take the process down with it in postgres.js).
    const lock = postgres(deps.database.url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
    try {
      const key = lockKey(queued.integrationId, queued.process);
      const [row] = await lock<{ locked: boolean }[]>`select pg_try_advisory_lock(${key}::bigint) as locked`;
      if (!row?.locked) throw new RunBusyError(queued);
      try {
        return await executeLocked(queued);
      } finally {
        await lock`select pg_advisory_unlock(${key}::bigint)`.catch(() => {});
      }
    } finally {
      await lock.end({ timeout: 5 });
    }
  }

  async function executeLocked(queued: RunRow): Promise<RunSummary | undefined> {
    const process = queued.process as ProcessName;
    const state = await deps.ledger.getState(queued.integrationId, process);
    const run = await deps.ledger.startRun(queued.id, state?.cursor ?? null);
    if (!run) return undefined;
    const counts: RunCounts = {};
    let cursorAfter: Date | null = state?.cursor ?? null;
    const noCalls = { finago: 0, ongoing: 0 };
    const finishEarly = async (status: "failed" | "skipped", error: string) => {
      await deps.ledger.finishRun(run.id, { status, cursorAfter, counts, calls: noCalls, error });
      return { runId: run.id, status, counts, calls: noCalls, cursorBefore: run.cursorBefore, cursorAfter, error };
    };
    // A database error here propagates: the job is retried and finds this run `running` again.
    const integration = await deps.integrations.resolve(run.integrationId);
    if (!integration) return finishEarly("failed", "integration no longer exists");
    // Runs queued before an operator switched something off (retries, webhooks) write nothing.
    if (!integration.enabled) return finishEarly("skipped", "integration is disabled");
    if (!integration.settings.processes[process]) return finishEarly("skipped", `process ${process} is switched off`);
    let connectors: Connectors;
    try {
      connectors = deps.connectors.for(integration, process);
    } catch (err) {
      // Stored connection details the connector refuses (a malformed URL or id): no retry helps.
      return finishEarly("failed", `configuration: ${err instanceof Error ? err.message : String(err)}`);
    }
    const { finago, ongoing } = connectors;
    finago.beginRun();
    const callsBefore = { finago: finago.calls().total, ongoing: ongoing.calls() };
    const calls = () => ({ finago: finago.calls().total - callsBefore.finago, ongoing: ongoing.calls() - callsBefore.ongoing });
    // A failure is retried by the process that owns its entity (an article failing inside an
    // orders run is retried by the article process).
    const retryKey = (entity: string, sourceId: string) =>
      ({ integrationId: run.integrationId, process: processOfEntity(entity) ?? process, entity, sourceId });

    const ctx: SliceContext = {
      integration,
      run,
      finago,
      ongoing,
      db: deps.database.db,
      state,
      now,
      log: deps.log,
      async record(item) {
        const row = await deps.ledger.recordItem(run.id, run.integrationId, process, item);
        counts[item.action] = (counts[item.action] ?? 0) + 1;
        if (run.dryRun) return;
        const key = retryKey(item.entity, item.sourceId);
        if (item.action === "failed") {
          await deps.ledger.recordFailure(
            key,
            { runId: run.id, itemId: row.id, errorClass: item.errorClass ?? "unknown", message: item.message ?? "" },
            maxItemAttempts,
          );
        } else if (SUCCESSFUL_ACTIONS.has(item.action)) {
          await deps.ledger.clearFailure(key);
        }
      },
      async advanceCursor(to) {
        if (run.dryRun || (cursorAfter && to <= cursorAfter)) return;
        cursorAfter = to;
        await deps.ledger.saveState(run.integrationId, process, { cursor: to });
      },
      async saveState(patch) {
        if (!run.dryRun) await deps.ledger.saveState(run.integrationId, process, patch);
      },
      retryableSourceIds: () => deps.ledger.retryableSourceIds(run.integrationId, process),
      async forgetFailure(entity, sourceId) {
        if (!run.dryRun) await deps.ledger.clearFailure(retryKey(entity, sourceId));
      },
    };

    try {
      await deps.slices[process](ctx);
    } catch (err) {
      const failure = classifyError(err, now());
      deps.log.warn({ runId: run.id, process, errorClass: failure.errorClass, err: failure.message }, "sync run failed");
      let retryRunId: string | undefined;
      const attempt = (run.scope as { attempt?: number } | null)?.attempt ?? 0;
      if (failure.retryable && attempt < maxRunRetries) {
        const backoff = retryBaseDelayMs * 2 ** attempt;
        const startAfter = new Date(Math.max(now().getTime() + backoff, failure.notBefore?.getTime() ?? 0));
        const retry = await requestRun(
          {
            integrationId: run.integrationId,
            process,
            trigger: "retry",
            fullResync: run.fullResync,
            dryRun: run.dryRun,
            scope: { ...(run.scope as object | null), attempt: attempt + 1 } as RunRequest["scope"],
          },
          startAfter,
        );
        retryRunId = retry.id;
      }
      const error = `${failure.errorClass}: ${failure.message}${retryRunId ? ` (retry run ${retryRunId})` : ""}`;
      await deps.ledger.finishRun(run.id, { status: "failed", cursorAfter, counts, calls: calls(), error });
      if (!run.dryRun) {
        await deps.ledger.saveState(run.integrationId, process, {
          consecutiveFailures: (state?.consecutiveFailures ?? 0) + 1,
        });
      }
      return { runId: run.id, status: "failed", counts, calls: calls(), cursorBefore: run.cursorBefore, cursorAfter, error, retryRunId };
    }

    const status = counts.failed || counts.refused ? "partial" : "succeeded";
    await deps.ledger.finishRun(run.id, { status, cursorAfter, counts, calls: calls() });
    if (!run.dryRun) {
      await deps.ledger.saveState(run.integrationId, process, { lastSucceededAt: now(), consecutiveFailures: 0 });
    }
    return { runId: run.id, status, counts, calls: calls(), cursorBefore: run.cursorBefore, cursorAfter };
  }

  return {
    requestRun,
    executeRun,
    /** A run recorded but not queued, for a caller that executes it itself (the CLI). */
    createRun: (request: RunRequest) => deps.ledger.createRun(request),

    /**
     * For an external cron: enqueues each enabled process whose interval has elapsed. Safe to
     * call every minute and from several places at once; each interval is claimed once.
     */
    async tick(): Promise<Array<{ integrationId: string; process: ProcessName; runId: string }>> {
      const enqueued: Array<{ integrationId: string; process: ProcessName; runId: string }> = [];
      const at = now();
      for (const integration of await deps.integrations.resolveAll()) {
        if (!integration.enabled) continue;
        for (const process of PROCESS_NAMES) {
          if (!integration.settings.processes[process]) continue;
          if (!(await deps.ledger.claimInterval(integration.id, process, integration.settings.intervalMinutes, at))) continue;
          const run = await requestRun({ integrationId: integration.id, process, trigger: "cron" });
          enqueued.push({ integrationId: integration.id, process, runId: run.id });
        }
      }
      return enqueued;
    },
  };
}
export type RunService = ReturnType<typeof createRunService>;

const SUCCESSFUL_ACTIONS = new Set<ItemAction>(["created", "updated", "unchanged", "skipped", "refused"]);

/** A stable 63-bit advisory lock key per integration and process. */
export function lockKey(integrationId: string, process: string): string {
  return BigInt.asIntN(64, BigInt(`0x${createHash("sha256").update(`${integrationId}:${process}`).digest("hex").slice(0, 16)}`)).toString();
}
