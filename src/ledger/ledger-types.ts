// The run ledger's vocabulary: what started a run, how it ended, and what happened to each item.
import type { ProcessName } from "../integrations/integration-settings.js";

export const TRIGGERS = ["webhook", "cron", "operator", "retry"] as const;
export type Trigger = (typeof TRIGGERS)[number];

export const RUN_STATUSES = ["queued", "running", "succeeded", "partial", "failed", "skipped"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const ITEM_ACTIONS = ["created", "updated", "unchanged", "failed", "refused", "skipped", "planned"] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

/** How a failure is classed: transient ones are retried by the queue, the rest by later runs. */
export type ErrorClass = "transient" | "quota" | "authentication" | "fault" | "record" | "mapping" | "conflict" | "unknown";

/**
 * The entities each process owns: their failures are retried by that process's later runs and
 * replayed through it. (An orders run also writes articles; those belong to the article process.)
 */
export const PROCESS_ENTITIES: Record<ProcessName, readonly string[]> = {
  articles: ["article"],
  orders: ["order", "order-status"],
  shipments: ["shipment"],
  suppliers: ["supplier"],
  stock: ["stock"],
};

export function processOfEntity(entity: string): ProcessName | undefined {
  return (Object.keys(PROCESS_ENTITIES) as ProcessName[]).find((p) => PROCESS_ENTITIES[p].includes(entity));
}

export interface RunScope {
  /** Ongoing order id (shipments, from an order webhook). */
  ongoingOrderId?: number;
  /** Ongoing article number (stock, from an inventory-related webhook). */
  articleNumber?: string;
  /** Source ids to process again (replay of a failed item). */
  sourceIds?: string[];
  webhookEventId?: number;
}

export interface RunRequest {
  integrationId: string;
  process: ProcessName;
  trigger: Trigger;
  fullResync?: boolean;
  dryRun?: boolean;
  scope?: RunScope;
}

export interface ItemRecord {
  entity: string;
  sourceId: string;
  targetId?: string | null;
  action: ItemAction;
  errorClass?: ErrorClass;
  message?: string;
  detail?: Record<string, unknown>;
}

export type RunCounts = Partial<Record<ItemAction, number>>;
export interface RunCalls { finago: number; ongoing: number }
