// Wire shapes of Ongoing WMS's REST API v1 (https://api.ongoingsystems.se/{warehouse}/api/v1/)
// and of its webhook payloads. Ongoing serialises absent members as JSON null, so readers
// must accept null wherever a member is optional.

export interface CodeName { code: string; name?: string | null }

export interface OngoingSupplierAddress {
  name?: string | null;
  address?: string | null;
  postCode?: string | null;
  city?: string | null;
  countryCode?: string | null;
}

export interface OngoingSupplierInfo {
  supplierArticleNumber?: string | null;
  supplierNumber?: string | null;
  supplierName?: string | null;
  advanced?: { supplierAddress?: OngoingSupplierAddress | null } | null;
}

/** Body of PUT /articles (PostArticleModel): upsert by articleNumber. */
export interface PostArticleModel {
  goodsOwnerId: number;
  articleNumber: string;
  articleName?: string;
  productCode?: string;
  description?: string;
  weight?: number;
  barCodeInfo?: { barCode?: string };
  supplierInfo?: OngoingSupplierInfo;
  articleGroup?: CodeName;
  articleColor?: CodeName;
  articleSize?: CodeName;
  purchasePrice?: number;
  stockValuationPrice?: number;
  customerPrice?: number;
  purcaseCurrencyCode?: string; // sic, as Ongoing spells it
  countryOfOriginCode?: string;
  statisticsNumber?: string;
  unitCode?: string;
}

export interface PostArticleResponse { articleSystemId: number | null; message: string | null }

export interface OngoingNotification { toBeNotified: boolean; value?: string }

export interface PostOrderAddress {
  name?: string;
  address1?: string;
  postCode?: string;
  city?: string;
  countryCode?: string;
  countryStateCode?: string;
}

export interface PostOrderLine {
  rowNumber: string;
  articleNumber: string;
  numberOfItems: number;
  comment?: string;
  prices?: { linePrice?: number; customerLinePrice?: number; currencyCode?: string };
}

/** Body of PUT /orders (PostOrderModel): upsert by orderNumber. */
export interface PostOrderModel {
  goodsOwnerId: number;
  orderNumber: string;
  deliveryDate: string;
  referenceNumber?: string;
  salesCode?: string;
  orderRemark?: string;
  deliveryInstruction?: string;
  freeText1?: string;
  freeText2?: string;
  customerPrice?: number;
  wayOfDelivery?: CodeName;
  consignee: PostOrderAddress & {
    customerNumber?: string;
    invoiceAddress?: PostOrderAddress;
  };
  emailNotification?: OngoingNotification;
  smsNotification?: OngoingNotification;
  telephoneNotification?: OngoingNotification;
  advanced?: { wayOfDeliveryString?: string };
  customsInfo?: { customsValueCurrencyCode?: string };
  orderLines: PostOrderLine[];
}

export interface PostOrderResponse { orderId: number | null; message: string | null }

export interface OrderStatus { number: number; text?: string | null }

/** Response item of GET /orders and GET /orders/{orderId} (GetOrderModel), the parts the bridge reads. */
export interface GetOrderModel {
  goodsOwner?: { id: number; code?: string | null; name?: string | null } | null;
  orderInfo: {
    orderId: number;
    orderNumber: string;
    referenceNumber?: string | null;
    deliveryDate?: string | null;
    createdDate?: string | null;
    shippedTime?: string | null;
    wayBill?: string | null;
    orderStatus: OrderStatus;
    [k: string]: unknown;
  };
  consignee?: Record<string, unknown> | null;
  orderLines?: Array<{
    id: number;
    rowNumber: string;
    article: { articleSystemId: number; articleNumber: string; articleName?: string | null; productCode?: string | null };
    orderedNumberOfItems: number;
    pickedNumberOfItems?: number | null;
    [k: string]: unknown;
  }> | null;
  tracking?: Array<{ waybill?: string | null; trackingUrl?: string | null }> | null;
  [k: string]: unknown;
}

export interface InventoryInfo {
  numberOfItems?: number | null;
  sellableNumberOfItems?: number | null;
  [k: string]: unknown;
}

/** Response item of GET /articles (GetArticleModel), the parts the bridge reads. */
export interface GetArticleModel {
  articleSystemId: number;
  articleNumber: string;
  articleName?: string | null;
  productCode?: string | null;
  description?: string | null;
  weight?: number | null;
  barCodeInfo?: { barCode?: string | null } | null;
  supplierInfo?: OngoingSupplierInfo | null;
  articleColor?: CodeName | null;
  articleSize?: CodeName | null;
  inventoryInfo?: InventoryInfo | null;
  [k: string]: unknown;
}

/** Webhook payloads, as Ongoing documents them. Only what the bridge relies on is typed strictly. */
interface WebhookBase {
  webhookEventId: number;
  goodsOwnerId: number;
  system?: string;
  timestamp?: string;
  [k: string]: unknown;
}
export interface OrderWebhook extends WebhookBase {
  webhookOrdersId: number;
  orderId: number;
  orderNumber?: string;
  orderStatus?: { number: number };
}
export interface ArticleWebhook extends WebhookBase {
  webhookArticlesId: number;
  articleSystemId: number;
  articleNumber?: string;
}
interface ArticleRef { articleSystemId: number; articleNumber?: string; barCode?: string | null }
export interface InventoryWebhook extends WebhookBase { webhookInventoryId: number; article: ArticleRef }
export interface InboundAndMoveWebhook extends WebhookBase { webhookMovesId: number; article: ArticleRef }
export interface PickingWebhook extends WebhookBase { webhookPickingId: number; article: ArticleRef }

export type WebhookKind = "order" | "article" | "inventory" | "inbound-and-move" | "picking";
