// Ongoing webhook payloads for the receiver's tests: the official examples (with ids and the goods
// owner made real) and the inbound-and-move and picking shapes the bridge's schemas describe.
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { request } from "undici";
import type { WebhookKind } from "../../../src/ongoing/ongoing-types.js";

const REFERENCE = "/work/shared/reference/ongoing";

function officialExample(name: string): Record<string, any> {
  return JSON.parse(readFileSync(`${REFERENCE}/webhook-${name}-payload-example.json`, "utf8"));
}

/** One payload of each kind for `goodsOwnerId`, `webhookEventId` = `eventId`. */
export function webhookPayload(kind: WebhookKind, goodsOwnerId: number, eventId: number): Record<string, any> {
  switch (kind) {
    case "order": {
      const p = officialExample("order");
      return {
        ...p, webhookOrdersId: 11, webhookEventId: eventId, goodsOwnerId, orderId: 5000 + eventId,
        orderNumber: `SO-${eventId}`, orderStatus: { number: 450 },
      };
    }
    case "inventory": {
      const p = officialExample("inventory");
      return {
        ...p, webhookInventoryId: 12, webhookEventId: eventId, goodsOwnerId,
        article: { articleSystemId: 700 + eventId, articleNumber: `SKU-${eventId}`, barCode: "7070000000010" },
      };
    }
    case "article": {
      const p = officialExample("article");
      return { ...p, webhookArticlesId: 13, webhookEventId: eventId, goodsOwnerId, articleSystemId: 700 + eventId, articleNumber: `SKU-${eventId}` };
    }
    case "inbound-and-move":
      return {
        webhookMovesId: 14, webhookEventId: eventId, system: "sandboxwh", timestamp: "2024-05-01T10:00:00.0000000",
        goodsOwnerId, goodsOwnerName: "Goods owner", isReceive: true, isMove: false,
        article: { articleSystemId: 700 + eventId, articleNumber: `SKU-${eventId}`, barCode: null },
        byUser: { userId: 1 }, byComputer: { computerId: 1, computerName: "PC1" }, webhookTemplate: "InboundTransaction",
      };
    case "picking":
      return {
        webhookPickingId: 15, webhookEventId: eventId, system: "sandboxwh", timestamp: "2024-05-01T10:00:00.0000000",
        goodsOwnerId, goodsOwnerName: "Goods owner", orderId: 5000 + eventId,
        isAllocated: false, isPicked: true, isPacked: false, isReturned: false, isDeleted: false,
        article: { articleSystemId: 700 + eventId, articleNumber: `SKU-${eventId}`, barCode: null },
        byUser: null, byComputer: null, webhookTemplate: "ArticlePicked",
      };
  }
}

export const WEBHOOK_KINDS: WebhookKind[] = ["order", "inventory", "article", "inbound-and-move", "picking"];

/** POSTs a raw body to the receiver as Ongoing does; `token: undefined` sends no X-Auth-Token. */
export async function deliver(
  bridgeUrl: string,
  integrationId: string,
  body: unknown,
  options: { token?: string; contentType?: string } = {},
): Promise<{ status: number; body: any; text: string }> {
  const headers: Record<string, string> = { "content-type": options.contentType ?? "application/json; charset=utf-8" };
  if (options.token !== undefined) headers["x-auth-token"] = options.token;
  const res = await request(`${bridgeUrl}/webhooks/ongoing/${integrationId}`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.body.text();
  let parsed: unknown;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { parsed = text; }
  return { status: res.statusCode, body: parsed, text };
}

/**
 * A connection of the test's own to the bridge's database, so what it reads is what was
 * committed, never what one of the bridge's own connections holds uncommitted.
 */
export function observer(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  return {
    sql,
    async inbox(integrationId: string) {
      return sql<{ id: string; kind: string; event_id: string; status: string; deliveries: number; run_id: string | null }[]>`
        select id, kind, event_id, status, deliveries, run_id from webhook_events
        where integration_id = ${integrationId} order by id`;
    },
    async webhookJobs(): Promise<number> {
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from pgboss.job where name = 'webhook-event'`;
      return row!.n;
    },
    end: () => sql.end({ timeout: 5 }),
  };
}
