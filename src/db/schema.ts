// The bridge's tables. Secrets are stored encrypted (see integrations/secret-box.ts);
// the webhook secret only as a hash.
import { sql } from "drizzle-orm";
import {
  bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const integrations = pgTable(
  "integrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    finagoBaseUrl: text("finago_base_url").notNull(),
    ongoingBaseUrl: text("ongoing_base_url").notNull(),
    goodsOwnerId: integer("goods_owner_id").notNull(),
    /** Finago and Ongoing usernames, passwords and ids, as one AES-256-GCM sealed JSON document. */
    credentialsSealed: text("credentials_sealed").notNull(),
    settings: jsonb("settings").notNull(),
    webhookSecretHash: text("webhook_secret_hash").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("integrations_goods_owner_uq").on(t.ongoingBaseUrl, t.goodsOwnerId)],
);

export const finagoSessions = pgTable("finago_sessions", {
  integrationId: uuid("integration_id").primaryKey().references(() => integrations.id, { onDelete: "cascade" }),
  sessionSealed: text("session_sealed").notNull(),
  createdAt: createdAt(),
});

export const syncState = pgTable(
  "sync_state",
  {
    integrationId: uuid("integration_id").notNull().references(() => integrations.id, { onDelete: "cascade" }),
    process: text("process").notNull(),
    /** The source's change time up to which everything was processed or durably recorded as failed. */
    cursor: timestamp("cursor", { withTimezone: true, mode: "date" }),
    lastEnqueuedAt: timestamp("last_enqueued_at", { withTimezone: true }),
    lastSucceededAt: timestamp("last_succeeded_at", { withTimezone: true }),
    lastFullSweepAt: timestamp("last_full_sweep_at", { withTimezone: true }),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.process] })],
);

export const syncRuns = pgTable(
  "sync_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    integrationId: uuid("integration_id").notNull().references(() => integrations.id, { onDelete: "cascade" }),
    process: text("process").notNull(),
    trigger: text("trigger").notNull(),
    status: text("status").notNull().default("queued"),
    fullResync: boolean("full_resync").notNull().default(false),
    dryRun: boolean("dry_run").notNull().default(false),
    scope: jsonb("scope"),
    queuedAt: createdAt(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    cursorBefore: timestamp("cursor_before", { withTimezone: true }),
    cursorAfter: timestamp("cursor_after", { withTimezone: true }),
    counts: jsonb("counts").notNull().default(sql`'{}'::jsonb`),
    calls: jsonb("calls").notNull().default(sql`'{}'::jsonb`),
    error: text("error"),
  },
  (t) => [index("sync_runs_integration_idx").on(t.integrationId, t.process, t.queuedAt)],
);

export const syncItems = pgTable(
  "sync_items",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: uuid("run_id").notNull().references(() => syncRuns.id, { onDelete: "cascade" }),
    integrationId: uuid("integration_id").notNull().references(() => integrations.id, { onDelete: "cascade" }),
    process: text("process").notNull(),
    entity: text("entity").notNull(),
    sourceId: text("source_id").notNull(),
    targetId: text("target_id"),
    action: text("action").notNull(),
    errorClass: text("error_class"),
    message: text("message"),
    detail: jsonb("detail"),
    deadLettered: boolean("dead_lettered").notNull().default(false),
    replayedAt: timestamp("replayed_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("sync_items_run_idx").on(t.runId),
    index("sync_items_source_idx").on(t.integrationId, t.process, t.sourceId),
  ],
);

export const articleLinks = pgTable(
  "article_links",
  {
    integrationId: uuid("integration_id").notNull().references(() => integrations.id, { onDelete: "cascade" }),
    finagoProductId: integer("finago_product_id").notNull(),
    articleNumber: text("article_number").notNull(),
    ongoingArticleSystemId: integer("ongoing_article_system_id"),
    supplierId: integer("supplier_id"),
    contentHash: text("content_hash").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.integrationId, t.finagoProductId] }),
    index("article_links_number_idx").on(t.integrationId, t.articleNumber),
  ],
);

export const orderLinks = pgTable(
  "order_links",
  {
    integrationId: uuid("integration_id").notNull().references(() => integrations.id, { onDelete: "cascade" }),
    finagoOrderId: integer("finago_order_id").notNull(),
    finagoCustomerId: integer("finago_customer_id"),
    orderNumber: text("order_number").notNull(),
    ongoingOrderId: integer("ongoing_order_id"),
    contentHash: text("content_hash").notNull(),
    importStatusSetAt: timestamp("import_status_set_at", { withTimezone: true }),
    shippedOngoingStatus: integer("shipped_ongoing_status"),
    shippedReportedAt: timestamp("shipped_reported_at", { withTimezone: true }),
    /** When the order first reached Ongoing; the base of a defaulted delivery date, so it stays put. */
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.integrationId, t.finagoOrderId] }),
    index("order_links_ongoing_idx").on(t.integrationId, t.ongoingOrderId),
  ],
);

export const supplierLinks = pgTable(
  "supplier_links",
  {
    integrationId: uuid("integration_id").notNull().references(() => integrations.id, { onDelete: "cascade" }),
    finagoCompanyId: integer("finago_company_id").notNull(),
    /** The supplier as last read from Finago, mapped; carried on the next article that names it. */
    supplierInfo: jsonb("supplier_info").notNull(),
    contentHash: text("content_hash").notNull(),
    sentHash: text("sent_hash"),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.finagoCompanyId] })],
);

export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    integrationId: uuid("integration_id").notNull().references(() => integrations.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    eventId: bigint("event_id", { mode: "number" }).notNull(),
    payload: jsonb("payload").notNull(),
    status: text("status").notNull().default("received"),
    deliveries: integer("deliveries").notNull().default(1),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    /** The run the event started, when it called for one. */
    runId: uuid("run_id"),
    error: text("error"),
  },
  (t) => [uniqueIndex("webhook_events_event_uq").on(t.integrationId, t.kind, t.eventId)],
);

/** Items that failed and are retried on later runs until they succeed or are dead-lettered. */
export const retryItems = pgTable(
  "retry_items",
  {
    integrationId: uuid("integration_id").notNull().references(() => integrations.id, { onDelete: "cascade" }),
    process: text("process").notNull(),
    entity: text("entity").notNull(),
    sourceId: text("source_id").notNull(),
    attempts: integer("attempts").notNull().default(1),
    lastRunId: uuid("last_run_id"),
    lastItemId: bigint("last_item_id", { mode: "number" }),
    lastErrorClass: text("last_error_class"),
    lastMessage: text("last_message"),
    deadLettered: boolean("dead_lettered").notNull().default(false),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.process, t.entity, t.sourceId] })],
);
