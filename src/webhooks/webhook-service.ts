// Ongoing's webhooks: authenticated by the integration's secret, validated, committed to the
// inbox together with their job before Ongoing gets its 2xx, then processed off the request path.
import { desc, eq } from "drizzle-orm";
import type { Database } from "../db/database.js";
import { integrations, webhookEvents } from "../db/schema.js";
import { AppError, BadRequestError } from "../errors.js";
import type { IntegrationService } from "../integrations/integration-service.js";
import { webhookSecretMatches } from "../integrations/secret-box.js";
import type { JobQueue } from "../jobs/job-queue.js";
import { classifyWebhook, type ClassifiedWebhook } from "../ongoing/webhook-schemas.js";
import type { RunService } from "../sync/run-service.js";

type WebhookEventRow = typeof webhookEvents.$inferSelect;

function webhookEventView(row: WebhookEventRow) {
  return {
    id: row.id,
    kind: row.kind,
    eventId: row.eventId,
    status: row.status,
    deliveries: row.deliveries,
    receivedAt: row.receivedAt.toISOString(),
    processedAt: row.processedAt?.toISOString() ?? null,
    runId: row.runId,
    error: row.error,
    payload: row.payload,
  };
}

export interface WebhookServiceDeps {
  database: Database;
  integrations: Pick<IntegrationService, "resolve">;
  queue: Pick<JobQueue, "enqueueWebhookEvent"> | undefined;
  runs: Pick<RunService, "requestRun">;
}

/** The same answer for an unknown integration and a wrong secret, so neither can be probed. */
const UNAUTHORIZED = () => new AppError(401, "unknown integration or wrong X-Auth-Token");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createWebhookService(deps: WebhookServiceDeps) {
  const { sql, db } = deps.database;

  return {
    /** Throws 401 unless the token is the integration's webhook secret (compared in constant time). */
    async authenticate(integrationId: string, token: string | undefined): Promise<void> {
      const [row] = UUID.test(integrationId)
        ? await db.select({ hash: integrations.webhookSecretHash }).from(integrations).where(eq(integrations.id, integrationId))
        : [];
      if (!webhookSecretMatches(token, row?.hash)) throw UNAUTHORIZED();
    },

    /**
     * Validates and stores one delivery. A redelivery of a stored event is acknowledged without
     * a second job. Returns whether the event was new.
     */
    async receive(integrationId: string, payload: unknown): Promise<{ duplicate: boolean; eventId: number; kind: string }> {
      const classified = classifyWebhook(payload);
      if ("error" in classified) {
        const field = fieldOfWebhookError(classified.error);
        throw new AppError(400, `${field}: ${classified.error}`, field);
      }
      const integration = await deps.integrations.resolve(integrationId);
      if (!integration) throw UNAUTHORIZED();
      if (classified.goodsOwnerId !== integration.goodsOwnerId) {
        throw new BadRequestError("body.goodsOwnerId", `is ${classified.goodsOwnerId}, but this integration serves goods owner ${integration.goodsOwnerId}`);
      }
      const queue = deps.queue;
      if (!queue) throw new AppError(503, "the job queue is not running; the event was not stored");
      return sql.begin(async (tx) => {
        const [inserted] = await tx<{ id: number }[]>`
          insert into webhook_events (integration_id, kind, event_id, payload)
          values (${integrationId}, ${classified.kind}, ${classified.eventId}, ${JSON.stringify(payload)}::jsonb)
          on conflict (integration_id, kind, event_id) do nothing
          returning id`;
        if (!inserted) {
          await tx`update webhook_events set deliveries = deliveries + 1
                   where integration_id = ${integrationId} and kind = ${classified.kind} and event_id = ${classified.eventId}`;
          return { duplicate: true, eventId: classified.eventId, kind: classified.kind };
        }
        await queue.enqueueWebhookEvent(Number(inserted.id), tx);
        return { duplicate: false, eventId: classified.eventId, kind: classified.kind };
      });
    },

    /** The job: turns a stored event into the run it calls for. */
    async process(eventRowId: number): Promise<void> {
      const [event] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, eventRowId));
      if (!event || event.status !== "received") return;
      const integration = await deps.integrations.resolve(event.integrationId);
      const classified = classifyWebhook(event.payload) as ClassifiedWebhook;
      const plan = integration?.enabled ? runFor(classified, integration.settings) : undefined;
      if (!plan) {
        const reason = !integration ? "integration no longer exists" : !integration.enabled ? "integration is disabled" : "no process acts on this event";
        await db.update(webhookEvents).set({ status: "ignored", processedAt: new Date(), error: reason }).where(eq(webhookEvents.id, eventRowId));
        return;
      }
      const run = await deps.runs.requestRun({
        integrationId: event.integrationId,
        trigger: "webhook",
        process: plan.process,
        scope: { ...plan.scope, webhookEventId: classified.eventId },
      });
      await db.update(webhookEvents).set({ status: "enqueued", processedAt: new Date(), runId: run.id }).where(eq(webhookEvents.id, eventRowId));
    },

    /** The inbox as operators read it, newest first. */
    async list(integrationId: string, limit: number) {
      const rows = await db
        .select()
        .from(webhookEvents)
        .where(eq(webhookEvents.integrationId, integrationId))
        .orderBy(desc(webhookEvents.id))
        .limit(limit);
      return rows.map(webhookEventView);
    },
  };
}
export type WebhookService = ReturnType<typeof createWebhookService>;

/** "missing orderStatus.number" and "article.articleSystemId: must be integer" name their member. */
export function fieldOfWebhookError(error: string): string {
  const member = /^missing ([\w.]+)/.exec(error)?.[1] ?? /^([\w.]+): /.exec(error)?.[1];
  return member && member !== "payload" ? `body.${member}` : "body";
}

type RunPlan = Pick<Parameters<RunService["requestRun"]>[0], "process" | "scope">;

/**
 * Order events with a shipped status report the shipment; inventory, inbound-and-move and
 * picking events rebalance that article's stock. Others need nothing from the bridge.
 */
export function runFor(
  event: ClassifiedWebhook,
  settings: { processes: { shipments: boolean; stock: boolean }; shippedOngoingStatuses: number[] },
): RunPlan | undefined {
  if (event.kind === "order") {
    if (!settings.processes.shipments || event.orderId === undefined) return undefined;
    if (event.orderStatus !== undefined && !settings.shippedOngoingStatuses.includes(event.orderStatus)) return undefined;
    return { process: "shipments", scope: { ongoingOrderId: event.orderId } };
  }
  if (event.kind === "inventory" || event.kind === "inbound-and-move" || event.kind === "picking") {
    if (!settings.processes.stock || !event.articleNumber) return undefined;
    return { process: "stock", scope: { articleNumber: event.articleNumber } };
  }
  return undefined;
}
