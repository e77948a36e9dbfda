// The run ledger as operators read it: runs, their items, dead letters, and replay of a failed item.
import { NotFoundError, ConflictError } from "../errors.js";
import { PROCESS_NAMES, type ProcessName } from "../integrations/integration-settings.js";
import type { RunService } from "../sync/run-service.js";
import type { ItemRow, LedgerDal, RetryItemRow, RunRow } from "./ledger-dal.js";
import { processOfEntity } from "./ledger-types.js";

export function createLedgerService(deps: { ledger: LedgerDal; runs: Pick<RunService, "requestRun"> }) {
  return {
    async listRuns(filter: { integrationId?: string; process?: string; outcome?: string; limit?: number; before?: string }) {
      const rows = await deps.ledger.listRuns({
        integrationId: filter.integrationId,
        process: filter.process,
        status: filter.outcome,
        limit: filter.limit ?? 50,
        before: filter.before ? new Date(filter.before) : undefined,
      });
      return rows.map(runView);
    },

    async getRun(runId: string) {
      const run = await deps.ledger.getRun(runId);
      if (!run) throw new NotFoundError(`run ${runId}`);
      return { ...runView(run), items: (await deps.ledger.listItems(runId)).map(itemView) };
    },

    /** Where each process of an integration stands: cursor, last runs, failures in a row. */
    async processStates(integrationId: string, switches: Record<ProcessName, boolean>) {
      const states = new Map((await deps.ledger.listStates(integrationId)).map((s) => [s.process, s]));
      return PROCESS_NAMES.map((process) => {
        const state = states.get(process);
        return {
          process,
          enabled: switches[process],
          cursor: iso(state?.cursor ?? null),
          lastEnqueuedAt: iso(state?.lastEnqueuedAt ?? null),
          lastSucceededAt: iso(state?.lastSucceededAt ?? null),
          lastFullSweepAt: iso(state?.lastFullSweepAt ?? null),
          consecutiveFailures: state?.consecutiveFailures ?? 0,
        };
      });
    },

    async listDeadLetters(filter: { integrationId?: string; process?: string }) {
      return (await deps.ledger.listDeadLetters(filter)).map(deadLetterView);
    },

    /**
     * Runs the process that owns the item's entity again for that one item, with a fresh set of
     * attempts (an article that failed inside an orders run is replayed by the article process).
     */
    async replayItem(runId: string, itemId: number) {
      const item = await deps.ledger.getItem(itemId);
      if (!item || item.runId !== runId) throw new NotFoundError(`item ${itemId} of run ${runId}`);
      if (item.action !== "failed") throw new ConflictError(`item ${itemId} did not fail (it was ${item.action}); only failed items are replayed`);
      const process = processOfEntity(item.entity) ?? (item.process as ProcessName);
      await deps.ledger.reviveItem({ integrationId: item.integrationId, process: item.process, entity: item.entity, sourceId: item.sourceId }, item.id);
      const run = await deps.runs.requestRun({
        integrationId: item.integrationId,
        process,
        trigger: "retry",
        scope: { sourceIds: [item.sourceId] },
      });
      return { runId: run.id };
    },
  };
}
export type LedgerService = ReturnType<typeof createLedgerService>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function runView(run: RunRow) {
  return {
    id: run.id,
    integrationId: run.integrationId,
    process: run.process,
    trigger: run.trigger,
    status: run.status,
    fullResync: run.fullResync,
    dryRun: run.dryRun,
    scope: (run.scope ?? null) as Record<string, unknown> | null,
    queuedAt: run.queuedAt.toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    cursorBefore: iso(run.cursorBefore),
    cursorAfter: iso(run.cursorAfter),
    counts: run.counts as Record<string, number>,
    calls: run.calls as Record<string, number>,
    error: run.error,
  };
}

export function itemView(item: ItemRow) {
  return {
    id: item.id,
    entity: item.entity,
    sourceId: item.sourceId,
    targetId: item.targetId,
    action: item.action,
    errorClass: item.errorClass,
    message: item.message,
    detail: (item.detail ?? null) as Record<string, unknown> | null,
    deadLettered: item.deadLettered,
    replayedAt: iso(item.replayedAt),
    createdAt: item.createdAt.toISOString(),
  };
}

function deadLetterView(row: RetryItemRow) {
  return {
    integrationId: row.integrationId,
    process: row.process,
    entity: row.entity,
    sourceId: row.sourceId,
    attempts: row.attempts,
    lastRunId: row.lastRunId,
    lastItemId: row.lastItemId,
    errorClass: row.lastErrorClass,
    message: row.lastMessage,
    updatedAt: row.updatedAt.toISOString(),
  };
}
