// API shapes of the run ledger, the triggers and the webhook inbox.
import { Type } from "typebox";
import { PROCESS_NAMES } from "../integrations/integration-settings.js";
import { RUN_STATUSES, TRIGGERS, ITEM_ACTIONS } from "../ledger/ledger-types.js";

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const enumOf = (values: readonly string[], description?: string) => Type.Unsafe<string>({ type: "string", enum: [...values], description });

export const ProcessParam = enumOf(PROCESS_NAMES, "articles, orders, shipments, suppliers or stock");
export const RunStatusSchema = enumOf(RUN_STATUSES);

export const RunView = Type.Object({
  id: Type.String({ format: "uuid" }),
  integrationId: Type.String({ format: "uuid" }),
  process: ProcessParam,
  trigger: enumOf(TRIGGERS),
  status: RunStatusSchema,
  fullResync: Type.Boolean(),
  dryRun: Type.Boolean(),
  scope: Nullable(Type.Record(Type.String(), Type.Unknown())),
  queuedAt: Type.String({ format: "date-time" }),
  startedAt: Nullable(Type.String({ format: "date-time" })),
  finishedAt: Nullable(Type.String({ format: "date-time" })),
  cursorBefore: Nullable(Type.String({ format: "date-time" })),
  cursorAfter: Nullable(Type.String({ format: "date-time" })),
  counts: Type.Record(Type.String(), Type.Integer(), { description: "Items per action" }),
  calls: Type.Record(Type.String(), Type.Integer(), { description: "Requests made to finago and ongoing" }),
  error: Nullable(Type.String()),
});

export const ItemView = Type.Object({
  id: Type.Integer(),
  entity: Type.String(),
  sourceId: Type.String(),
  targetId: Nullable(Type.String()),
  action: enumOf(ITEM_ACTIONS),
  errorClass: Nullable(Type.String()),
  message: Nullable(Type.String()),
  detail: Nullable(Type.Record(Type.String(), Type.Unknown())),
  deadLettered: Type.Boolean(),
  replayedAt: Nullable(Type.String({ format: "date-time" })),
  createdAt: Type.String({ format: "date-time" }),
});

export const RunWithItems = Type.Object({ ...RunView.properties, items: Type.Array(ItemView) });

export const DeadLetterView = Type.Object({
  integrationId: Type.String({ format: "uuid" }),
  process: ProcessParam,
  entity: Type.String(),
  sourceId: Type.String(),
  attempts: Type.Integer(),
  lastRunId: Nullable(Type.String({ format: "uuid" })),
  lastItemId: Nullable(Type.Integer()),
  errorClass: Nullable(Type.String()),
  message: Nullable(Type.String()),
  updatedAt: Type.String({ format: "date-time" }),
});

export const RunAccepted = Type.Object({ runId: Type.String({ format: "uuid" }) });

export const WebhookEventView = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  eventId: Type.Integer(),
  status: enumOf(["received", "enqueued", "ignored"]),
  deliveries: Type.Integer({ description: "How often Ongoing delivered this event" }),
  receivedAt: Type.String({ format: "date-time" }),
  processedAt: Nullable(Type.String({ format: "date-time" })),
  runId: Nullable(Type.String({ format: "uuid" })),
  error: Nullable(Type.String()),
  payload: Type.Unknown(),
});

export const ProcessStateView = Type.Object({
  process: ProcessParam,
  enabled: Type.Boolean(),
  cursor: Nullable(Type.String({ format: "date-time", description: "Everything changed before this (less the overlap) is processed or recorded as failed" })),
  lastEnqueuedAt: Nullable(Type.String({ format: "date-time", description: "When the cron tick last queued it" })),
  lastSucceededAt: Nullable(Type.String({ format: "date-time" })),
  lastFullSweepAt: Nullable(Type.String({ format: "date-time", description: "Stock only: the last full sweep" })),
  consecutiveFailures: Type.Integer({ description: "Failed runs in a row" }),
});
