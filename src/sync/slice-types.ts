// The contract between the run service and a process's slice: read changes, map, write, record.
import type { BridgeDb } from "../db/database.js";
import type { FinagoConnector } from "../finago/index.js";
import type { ResolvedIntegration } from "../integrations/integration-service.js";
import type { ProcessName } from "../integrations/integration-settings.js";
import type { RunRow, SyncStateRow } from "../ledger/ledger-dal.js";
import type { ItemRecord, RunScope } from "../ledger/ledger-types.js";
import type { OngoingClient } from "../ongoing/ongoing-client.js";

export interface SliceLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface SliceContext {
  integration: ResolvedIntegration;
  run: RunRow;
  finago: FinagoConnector;
  ongoing: OngoingClient;
  db: BridgeDb;
  /** The process's stored state before this run (cursor, last full sweep...). */
  state: SyncStateRow | undefined;
  now(): Date;
  /** Records one item in the ledger and keeps its retry bookkeeping. */
  record(item: ItemRecord): Promise<void>;
  /** Moves the cursor forward (never back) once everything up to it is recorded. */
  advanceCursor(to: Date): Promise<void>;
  saveState(patch: { lastFullSweepAt?: Date }): Promise<void>;
  /** Source ids that failed on earlier runs and are not dead-lettered: each run tries them again. */
  retryableSourceIds(): Promise<string[]>;
  /** Drops an earlier failure that no longer applies, without recording an item. */
  forgetFailure(entity: string, sourceId: string): Promise<void>;
  log: SliceLogger;
}

export type Slice = (ctx: SliceContext) => Promise<void>;
export type SliceRegistry = Record<ProcessName, Slice>;

/** How far back a delta read overlaps the previous one: clock skew between systems, and changes with equal timestamps. */
export const CURSOR_OVERLAP_MS = 5 * 60 * 1000;
/** Where a process with no cursor starts: everything. */
export const BEGINNING_OF_TIME = new Date("2000-01-01T00:00:00Z");

export function deltaStart(ctx: Pick<SliceContext, "state" | "run">): Date {
  const cursor = ctx.run.fullResync ? null : ctx.state?.cursor;
  return cursor ? new Date(cursor.getTime() - CURSOR_OVERLAP_MS) : BEGINNING_OF_TIME;
}

export function scopeOf(run: Pick<RunRow, "scope">): RunScope & { attempt?: number } {
  return (run.scope ?? {}) as RunScope & { attempt?: number };
}

/**
 * What a Finago-sourced slice works through, oldest change first: the records a replay names, or
 * those changed since the cursor plus those that failed on earlier runs (read by id, however old
 * their change).
 */
export async function readFinagoRecords<T extends { DateChanged?: Date }>(
  ctx: SliceContext,
  source: { idOf(record: T): number; readChanged(): Promise<T[]>; readByIds(ids: number[]): Promise<T[]> },
): Promise<{ records: T[]; scoped: boolean; cursorOf(record: T): Date | undefined }> {
  // A record changed while a long read (a first load by id) was under way may have been missed;
  // the cursor never passes the moment the read began, so the next run's overlap covers it.
  const readStartedAt = ctx.now();
  const named = scopeOf(ctx.run).sourceIds;
  let records: T[];
  if (named) {
    records = await source.readByIds(named.map(Number).filter(Number.isInteger));
  } else {
    records = await source.readChanged();
    const seen = new Set(records.map((r) => String(source.idOf(r))));
    const failedBefore = (await ctx.retryableSourceIds()).filter((id) => !seen.has(id)).map(Number).filter(Number.isInteger);
    if (failedBefore.length) records.push(...(await source.readByIds(failedBefore)));
  }
  records.sort((a, b) => (a.DateChanged?.getTime() ?? 0) - (b.DateChanged?.getTime() ?? 0));
  return {
    records,
    scoped: Boolean(named),
    cursorOf: (record) => record.DateChanged && (record.DateChanged < readStartedAt ? record.DateChanged : readStartedAt),
  };
}
