// Data access for the run ledger, sync cursors and retry items.
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { BridgeDb } from "../db/database.js";
import { retryItems, syncItems, syncRuns, syncState } from "../db/schema.js";
import type { ItemRecord, RunCalls, RunCounts, RunRequest, RunStatus } from "./ledger-types.js";

export type RunRow = typeof syncRuns.$inferSelect;
export type ItemRow = typeof syncItems.$inferSelect;
export type SyncStateRow = typeof syncState.$inferSelect;
export type RetryItemRow = typeof retryItems.$inferSelect;

/** A failed item is retried per integration, process, entity and source id. */
export interface RetryKey { integrationId: string; process: string; entity: string; sourceId: string }

const retryKeyIs = (key: RetryKey) =>
  and(
    eq(retryItems.integrationId, key.integrationId),
    eq(retryItems.process, key.process),
    eq(retryItems.entity, key.entity),
    eq(retryItems.sourceId, key.sourceId),
  );

export function createLedgerDal(db: BridgeDb) {
  return {
    async createRun(request: RunRequest): Promise<RunRow> {
      const [row] = await db
        .insert(syncRuns)
        .values({
          integrationId: request.integrationId,
          process: request.process,
          trigger: request.trigger,
          fullResync: request.fullResync ?? false,
          dryRun: request.dryRun ?? false,
          scope: request.scope ?? null,
        })
        .returning();
      return row!;
    },

    /**
     * Marks a run as running; returns undefined if it already finished. A run found `running`
     * is one whose worker died (the caller holds the run's lock), so it starts again.
     */
    async startRun(runId: string, cursorBefore: Date | null): Promise<RunRow | undefined> {
      const [row] = await db
        .update(syncRuns)
        .set({ status: "running", startedAt: new Date(), cursorBefore })
        .where(and(eq(syncRuns.id, runId), inArray(syncRuns.status, ["queued", "running"])))
        .returning();
      return row;
    },

    async finishRun(
      runId: string,
      outcome: { status: RunStatus; cursorAfter: Date | null; counts: RunCounts; calls: RunCalls; error?: string },
    ): Promise<void> {
      // Only a running run finishes: a worker that stalled past its retry must not overwrite the retry's result.
      await db
        .update(syncRuns)
        .set({ ...outcome, error: outcome.error ?? null, finishedAt: new Date() })
        .where(and(eq(syncRuns.id, runId), eq(syncRuns.status, "running")));
    },

    async recordItem(runId: string, integrationId: string, process: string, item: ItemRecord): Promise<ItemRow> {
      const [row] = await db
        .insert(syncItems)
        .values({
          runId,
          integrationId,
          process,
          entity: item.entity,
          sourceId: item.sourceId,
          targetId: item.targetId ?? null,
          action: item.action,
          errorClass: item.errorClass ?? null,
          message: item.message ?? null,
          detail: item.detail ?? null,
        })
        .returning();
      return row!;
    },

    async getRun(runId: string): Promise<RunRow | undefined> {
      const [row] = await db.select().from(syncRuns).where(eq(syncRuns.id, runId));
      return row;
    },

    async listItems(runId: string): Promise<ItemRow[]> {
      return db.select().from(syncItems).where(eq(syncItems.runId, runId)).orderBy(syncItems.id);
    },

    async getItem(itemId: number): Promise<ItemRow | undefined> {
      const [row] = await db.select().from(syncItems).where(eq(syncItems.id, itemId));
      return row;
    },

    async listRuns(filter: { integrationId?: string; process?: string; status?: string; limit: number; before?: Date }): Promise<RunRow[]> {
      const conditions = [
        filter.integrationId ? eq(syncRuns.integrationId, filter.integrationId) : undefined,
        filter.process ? eq(syncRuns.process, filter.process) : undefined,
        filter.status ? eq(syncRuns.status, filter.status) : undefined,
        filter.before ? lt(syncRuns.queuedAt, filter.before) : undefined,
      ].filter(Boolean);
      return db
        .select()
        .from(syncRuns)
        .where(and(...conditions))
        .orderBy(desc(syncRuns.queuedAt))
        .limit(filter.limit);
    },

    async getState(integrationId: string, process: string): Promise<SyncStateRow | undefined> {
      const [row] = await db
        .select()
        .from(syncState)
        .where(and(eq(syncState.integrationId, integrationId), eq(syncState.process, process)));
      return row;
    },

    async listStates(integrationId: string): Promise<SyncStateRow[]> {
      return db.select().from(syncState).where(eq(syncState.integrationId, integrationId));
    },

    async saveState(integrationId: string, process: string, patch: Partial<Omit<SyncStateRow, "integrationId" | "process">>): Promise<void> {
      await db
        .insert(syncState)
        .values({ integrationId, process, ...patch })
        .onConflictDoUpdate({ target: [syncState.integrationId, syncState.process], set: patch });
    },

    /**
     * Claims the interval slot of a process: true for exactly one caller per interval, however
     * many ticks (or instances) race, because the check and the stamp are one UPDATE.
     */
    async claimInterval(integrationId: string, process: string, intervalMinutes: number, now: Date): Promise<boolean> {
      await db.insert(syncState).values({ integrationId, process }).onConflictDoNothing();
      const rows = await db
        .update(syncState)
        .set({ lastEnqueuedAt: now })
        .where(
          and(
            eq(syncState.integrationId, integrationId),
            eq(syncState.process, process),
            // A raw sql parameter is not serialised by the column type: postgres.js refuses a Date here.
            sql`(${syncState.lastEnqueuedAt} is null or ${syncState.lastEnqueuedAt} <= ${now.toISOString()}::timestamptz - make_interval(mins => ${intervalMinutes}))`,
          ),
        )
        .returning({ process: syncState.process });
      return rows.length > 0;
    },

    async recordFailure(
      key: RetryKey,
      failure: { runId: string; itemId: number; errorClass: string; message: string },
      maxAttempts: number,
    ): Promise<RetryItemRow> {
      const [row] = await db
        .insert(retryItems)
        .values({ ...key, attempts: 1, lastRunId: failure.runId, lastItemId: failure.itemId, lastErrorClass: failure.errorClass, lastMessage: failure.message, deadLettered: maxAttempts <= 1 })
        .onConflictDoUpdate({
          target: [retryItems.integrationId, retryItems.process, retryItems.entity, retryItems.sourceId],
          set: {
            attempts: sql`${retryItems.attempts} + 1`,
            lastRunId: failure.runId,
            lastItemId: failure.itemId,
            lastErrorClass: failure.errorClass,
            lastMessage: failure.message,
            deadLettered: sql`${retryItems.attempts} + 1 >= ${maxAttempts}`,
            updatedAt: new Date(),
          },
        })
        .returning();
      if (row?.deadLettered) {
        await db.update(syncItems).set({ deadLettered: true }).where(eq(syncItems.id, failure.itemId));
      }
      return row!;
    },

    async clearFailure(key: RetryKey): Promise<void> {
      await db.delete(retryItems).where(retryKeyIs(key));
    },

    /** Source ids that failed before and are still to be retried (not dead-lettered). */
    async retryableSourceIds(integrationId: string, process: string): Promise<string[]> {
      const rows = await db
        .selectDistinct({ sourceId: retryItems.sourceId })
        .from(retryItems)
        .where(and(eq(retryItems.integrationId, integrationId), eq(retryItems.process, process), eq(retryItems.deadLettered, false)));
      return rows.map((r) => r.sourceId);
    },

    async listDeadLetters(filter: { integrationId?: string; process?: string }): Promise<RetryItemRow[]> {
      return db
        .select()
        .from(retryItems)
        .where(
          and(
            eq(retryItems.deadLettered, true),
            filter.integrationId ? eq(retryItems.integrationId, filter.integrationId) : undefined,
            filter.process ? eq(retryItems.process, filter.process) : undefined,
          ),
        )
        .orderBy(desc(retryItems.updatedAt));
    },

    /** Gives a failed item a fresh set of attempts. */
    async reviveItem(key: RetryKey, itemId: number): Promise<void> {
      await db.update(retryItems).set({ deadLettered: false, attempts: 0, updatedAt: new Date() }).where(retryKeyIs(key));
      await db.update(syncItems).set({ replayedAt: new Date() }).where(eq(syncItems.id, itemId));
    },
  };
}
export type LedgerDal = ReturnType<typeof createLedgerDal>;
