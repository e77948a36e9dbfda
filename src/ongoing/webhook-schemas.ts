// Schemas of the Ongoing webhook payloads the bridge accepts, and a classifier for them.
// Ongoing's payloads are minimal and it adds members over time, so the schemas allow extra
// members and accept null wherever Ongoing may send null; they require only what the bridge uses
// to deduplicate (webhookEventId), to authorise (goodsOwnerId) and to re-read the resource.

import { Type } from "typebox";
import type { Static, TSchema } from "typebox";
import { Compile } from "typebox/compile";
import type { WebhookKind } from "./ongoing-types.js";

const Id = Type.Integer();
const OptionalNullable = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));
const OptionalText = OptionalNullable(Type.String());

const ByUser = Type.Object({ userId: OptionalNullable(Type.Integer()) });
const ByComputer = Type.Object({ computerId: OptionalNullable(Type.Integer()), computerName: OptionalText });

const Common = {
  webhookEventId: Id,
  goodsOwnerId: Id,
  system: OptionalText,
  timestamp: OptionalText,
  goodsOwnerName: OptionalText,
  path: OptionalText,
  webhookTemplate: OptionalText,
  byUser: OptionalNullable(ByUser),
  byComputer: OptionalNullable(ByComputer),
};

export const OrderWebhookSchema = Type.Object({
  webhookOrdersId: Id,
  ...Common,
  orderId: Id,
  orderNumber: OptionalText,
  goodsOwnerOrderId: OptionalText,
  consigneeOrderNumber: OptionalText,
  orderStatus: OptionalNullable(Type.Object({ number: Type.Integer() })),
  currentShipmentId: OptionalNullable(Type.Integer()),
  goodsOwnerClasses: OptionalNullable(
    Type.Array(Type.Object({ id: OptionalNullable(Type.Integer()), code: OptionalText, name: OptionalText })),
  ),
  tracking: OptionalNullable(
    Type.Array(Type.Object({ trackingUrl: OptionalText, waybill: OptionalText, isReturn: OptionalNullable(Type.Boolean()) })),
  ),
  parcels: OptionalNullable(
    Type.Array(
      Type.Object({
        id: OptionalNullable(Type.Integer()),
        parcelNumber: OptionalText,
        isReturnParcel: OptionalNullable(Type.Boolean()),
        tracking: OptionalNullable(Type.Object({ trackingUrl: OptionalText })),
      }),
    ),
  ),
});

export const ArticleWebhookSchema = Type.Object({
  webhookArticlesId: Id,
  ...Common,
  articleSystemId: Id,
  articleNumber: OptionalText,
});

const ArticleRef = Type.Object({ articleSystemId: Id, articleNumber: OptionalText, barCode: OptionalText });

export const InventoryWebhookSchema = Type.Object({
  webhookInventoryId: Id,
  ...Common,
  article: ArticleRef,
  transaction: OptionalNullable(
    Type.Object({
      transactionNumberOfItems: OptionalNullable(Type.Number()),
      inventoryAdjustmentCause: OptionalNullable(Type.Object({ id: OptionalNullable(Type.Integer()), code: OptionalText })),
      returnRemovedByOrder: OptionalNullable(Type.Object({ orderId: OptionalNullable(Type.Integer()) })),
    }),
  ),
});

export const InboundAndMoveWebhookSchema = Type.Object({
  webhookMovesId: Id,
  ...Common,
  article: ArticleRef,
  isReceive: OptionalNullable(Type.Boolean()),
  isMove: OptionalNullable(Type.Boolean()),
});

export const PickingWebhookSchema = Type.Object({
  webhookPickingId: Id,
  ...Common,
  article: ArticleRef,
  orderId: OptionalNullable(Type.Integer()),
  isAllocated: OptionalNullable(Type.Boolean()),
  isPicked: OptionalNullable(Type.Boolean()),
  isPacked: OptionalNullable(Type.Boolean()),
  isReturned: OptionalNullable(Type.Boolean()),
  isDeleted: OptionalNullable(Type.Boolean()),
});

export type OrderWebhookPayload = Static<typeof OrderWebhookSchema>;
export type ArticleWebhookPayload = Static<typeof ArticleWebhookSchema>;
export type InventoryWebhookPayload = Static<typeof InventoryWebhookSchema>;
export type InboundAndMoveWebhookPayload = Static<typeof InboundAndMoveWebhookSchema>;
export type PickingWebhookPayload = Static<typeof PickingWebhookSchema>;

/** The root member that names each payload kind (the id of the webhook configured in Ongoing). */
export const webhookRootIds: Record<WebhookKind, string> = {
  order: "webhookOrdersId",
  article: "webhookArticlesId",
  inventory: "webhookInventoryId",
  "inbound-and-move": "webhookMovesId",
  picking: "webhookPickingId",
};

export const webhookSchemas: Record<WebhookKind, TSchema> = {
  order: OrderWebhookSchema,
  article: ArticleWebhookSchema,
  inventory: InventoryWebhookSchema,
  "inbound-and-move": InboundAndMoveWebhookSchema,
  picking: PickingWebhookSchema,
};

const validators = Object.fromEntries(
  Object.entries(webhookSchemas).map(([kind, schema]) => [kind, Compile(schema)]),
) as Record<WebhookKind, ReturnType<typeof Compile>>;

export interface ClassifiedWebhook {
  kind: WebhookKind;
  eventId: number;
  goodsOwnerId: number;
  orderId?: number;
  orderNumber?: string;
  orderStatus?: number;
  articleSystemId?: number;
  articleNumber?: string;
}

export type WebhookClassification = ClassifiedWebhook | { error: string };

/** Tells which webhook a payload is and pulls out what the bridge acts on; never throws. */
export function classifyWebhook(payload: unknown): WebhookClassification {
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    return { error: "payload must be a JSON object" };
  }
  const body = payload as Record<string, unknown>;
  const kinds = (Object.keys(webhookRootIds) as WebhookKind[]).filter((k) => webhookRootIds[k] in body);
  if (kinds.length === 0) {
    return { error: `payload has none of ${Object.values(webhookRootIds).join(", ")}; not a supported webhook` };
  }
  if (kinds.length > 1) {
    return { error: `payload has more than one webhook root id (${kinds.map((k) => webhookRootIds[k]).join(", ")})` };
  }
  const kind = kinds[0];
  const validator = validators[kind];
  if (!validator.Check(body)) return { error: describeFirstError(validator.Errors(body)) };

  const result: ClassifiedWebhook = {
    kind,
    eventId: body.webhookEventId as number,
    goodsOwnerId: body.goodsOwnerId as number,
  };
  if (kind === "order") {
    const order = body as OrderWebhookPayload;
    result.orderId = order.orderId;
    if (typeof order.orderNumber === "string") result.orderNumber = order.orderNumber;
    if (order.orderStatus) result.orderStatus = order.orderStatus.number;
  } else if (kind === "article") {
    const article = body as ArticleWebhookPayload;
    result.articleSystemId = article.articleSystemId;
    if (typeof article.articleNumber === "string") result.articleNumber = article.articleNumber;
  } else {
    const ref = (body as InventoryWebhookPayload).article;
    result.articleSystemId = ref.articleSystemId;
    if (typeof ref.articleNumber === "string") result.articleNumber = ref.articleNumber;
    const orderId = (body as PickingWebhookPayload).orderId;
    if (kind === "picking" && typeof orderId === "number") result.orderId = orderId;
  }
  return result;
}

interface SchemaError { keyword: string; instancePath: string; message: string; params: Record<string, unknown> }

/** One line naming the offending member, e.g. "article.articleSystemId: must be integer". */
function describeFirstError(errors: readonly unknown[]): string {
  const list = errors as SchemaError[];
  // Union members report one error per branch; the type error of the first branch reads best.
  const first = list.find((e) => e.keyword === "required") ?? list.find((e) => e.keyword !== "anyOf") ?? list[0];
  if (!first) return "payload does not match the webhook schema";
  const path = first.instancePath.replace(/^\//, "").replace(/\/(\d+)(?=\/|$)/g, "[$1]").replace(/\//g, ".");
  if (first.keyword === "required") {
    const missing = (first.params.requiredProperties as string[] | undefined) ?? [];
    const names = missing.map((m) => (path ? `${path}.${m}` : m));
    return `missing ${names.join(", ")}`;
  }
  return `${path || "payload"}: ${first.message}`;
}
