// How the sandbox renders its records on the wire: GetArticleModel and GetOrderModel as the real
// API returns them, with every member present and JSON null where there is no value.

import type { GetArticleModel, GetOrderModel } from "../../ongoing/ongoing-types.js";
import type { OngoingSandboxState, SandboxArticle, SandboxOrder } from "./sandbox-state.js";

const ARTICLE_MEMBERS = [
  "articleName", "productCode", "unitCode", "description", "isStockArticle", "isActive", "quantityPerPackage",
  "quantityPerPallet", "weight", "netWeight", "length", "width", "height", "volume", "purchasePrice",
  "stockValuationPrice", "customerPrice", "purcaseCurrencyCode", "countryOfOriginCode", "statisticsNumber",
  "articleGroup", "articleCategory", "articleColor", "articleSize", "stockLimit", "linkToPicture",
  "customsDescription", "freeValues",
] as const;

const ORDER_INFO_MEMBERS = [
  "goodsOwnerOrderId", "referenceNumber", "salesCode", "orderRemark", "deliveryInstruction", "servicePointCode",
  "freeText1", "freeText2", "freeText3", "orderType", "wayOfDelivery", "termsOfDeliveryType", "consigneeOrderNumber",
  "warehouseInstruction", "freightPrice", "customerPrice", "pickingPriority", "languageCode", "invoiceUrl",
] as const;

const CONSIGNEE_MEMBERS = [
  "customerNumber", "name", "address1", "address2", "address3", "postCode", "city", "countryCode", "countryStateCode",
  "remark", "doorCode", "organisationNumber", "vatNumber", "customerGroup", "invoiceAddress", "advanced",
] as const;

function pick(source: Record<string, unknown>, members: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(members.map((m) => [m, source[m] ?? null]));
}

export function goodsOwnerRef(state: OngoingSandboxState, goodsOwnerId: number) {
  const owner = state.goodsOwners.get(goodsOwnerId);
  return { id: goodsOwnerId, code: owner?.code ?? null, name: owner?.name ?? null };
}

export function articleToWire(state: OngoingSandboxState, article: SandboxArticle): GetArticleModel {
  const supplier = article.supplierId !== null ? state.suppliers.get(article.supplierId) : undefined;
  const barCodeInfo = article.data.barCodeInfo as Record<string, unknown> | null | undefined;
  return {
    articleSystemId: article.articleSystemId,
    goodsOwner: goodsOwnerRef(state, article.goodsOwnerId),
    articleNumber: article.articleNumber,
    ...pick(article.data, ARTICLE_MEMBERS),
    barCodeInfo: barCodeInfo
      ? {
          barCode: barCodeInfo.barCode ?? null,
          barCodePackage: barCodeInfo.barCodePackage ?? null,
          barCodePallet: barCodeInfo.barCodePallet ?? null,
          alternativeBarCodes: barCodeInfo.alternativeBarCodes ?? null,
        }
      : null,
    supplierInfo: supplier
      ? {
          supplierArticleNumber: (article.data.supplierArticleNumber as string | null | undefined) ?? null,
          supplierNumber: supplier.supplierNumber,
          supplierName: supplier.supplierName,
          alternativeSuppliers: null,
        }
      : null,
    inventoryInfo: state.inventoryInfo(article),
    articleDataLastUpdated: article.updatedAt,
    createdDate: article.createdAt,
  } as GetArticleModel;
}

export function orderToWire(state: OngoingSandboxState, order: SandboxOrder): GetOrderModel {
  const ordered = order.lines.reduce((n, l) => n + l.numberOfItems, 0);
  const picked = order.lines.reduce((n, l) => n + l.pickedNumberOfItems, 0);
  const allocated = order.status >= 320 && order.status !== 1000 ? ordered : 0;
  const consignee = (order.data.consignee as Record<string, unknown> | undefined) ?? {};
  return {
    goodsOwner: goodsOwnerRef(state, order.goodsOwnerId),
    orderInfo: {
      orderId: order.orderId,
      orderNumber: order.orderNumber,
      ...pick(order.data, ORDER_INFO_MEMBERS),
      deliveryDate: (order.data.deliveryDate as string | undefined) ?? null,
      createdDate: order.createdAt,
      shippedTime: order.shippedTime,
      wayBill: order.wayBill,
      returnWayBill: null,
      orderStatus: { number: order.status, text: state.statusText(order.status) },
      orderStatusChangedTime: order.statusChangedAt,
      orderedNumberOfItems: ordered,
      allocatedNumberOfItems: allocated,
      pickedNumberOfItems: picked,
      warehouse: null,
    },
    consignee: { ...pick(consignee, CONSIGNEE_MEMBERS), id: order.customerId },
    orderLines: order.lines.map((line) => {
      const article = state.articles.get(line.articleSystemId);
      return {
        id: line.id,
        rowNumber: line.rowNumber,
        article: {
          articleSystemId: line.articleSystemId,
          articleNumber: line.articleNumber,
          articleName: (article?.data.articleName as string | undefined) ?? null,
          productCode: (article?.data.productCode as string | undefined) ?? null,
        },
        comment: line.data.comment ?? null,
        orderedNumberOfItems: line.numberOfItems,
        allocatedNumberOfItems: allocated ? line.numberOfItems : 0,
        pickedNumberOfItems: line.pickedNumberOfItems,
        packedNumberOfItems: order.status >= 450 && order.status !== 1000 ? line.pickedNumberOfItems : 0,
        reportedNumberOfItems: null,
        returnedNumberOfItems: null,
        prices: line.data.prices ?? null,
        pickedArticleItems: null,
      };
    }),
    transporter: order.data.transporter ?? null,
    returnTransporter: order.data.returnTransporter ?? null,
    emailNotification: order.data.emailNotification ?? null,
    smsNotification: order.data.smsNotification ?? null,
    telephoneNotification: order.data.telephoneNotification ?? null,
    customsInfo: order.data.customsInfo ?? null,
    tracking: order.tracking.length ? order.tracking.map((t) => ({ ...t, freightPrice: null })) : null,
    returnTracking: null,
    parcels: order.parcels.length
      ? order.parcels.map((p) => ({ id: p.id, parcelNumber: p.parcelNumber, isReturnParcel: false, tracking: { trackingUrl: p.trackingUrl, freightPrice: null } }))
      : null,
    shipmentInfo: null,
    classes: null,
  } as GetOrderModel;
}
