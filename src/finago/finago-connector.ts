// The Finago Office connector the bridge uses: products, sales orders (InvoiceOrder) and
// companies over SOAP, with the session, retries and call counting handled underneath.
import {
  FinagoAuthenticationError, FinagoRecordError,
} from "./finago-errors.js";
import { INVOICE_ORDER, INVOICE_ROW, PRODUCT, unknownMembers, type Shape } from "./finago-schema.js";
import { FinagoSession, validateCredentials, type FinagoCredentials, type FinagoSessionStore } from "./finago-session.js";
import {
  FinagoSoapTransport, type FinagoCallCounts, type FinagoLogger, type FinagoRetryOptions, type FinagoServiceName,
} from "./finago-soap.js";
import {
  ORDER_SLIP_STATES, type FinagoCompany, type FinagoInvoiceOrder, type FinagoItemResult, type FinagoProduct,
  type OrderSlipState,
} from "./finago-types.js";
import { readApiException, readCompany, readInvoiceOrder, readProduct } from "./finago-readers.js";
import { formatDateTime, formatDecimal, readInt } from "./finago-values.js";
import { child, children, textOf, type XmlNode } from "./finago-xml.js";

export const FINAGO_DEFAULT_BASE_URL = "https://api.24sevenoffice.com";
/** Finago's documented maximum of OrderIds per GetInvoices; used for every id list. */
export const FINAGO_MAX_IDS_PER_CALL = 1000;
/** A bound on GetCompanySyncList paging (1,000 companies a page), against a server that never ends. */
const MAX_SYNC_PAGES = 10_000;

/** What the product description maps, plus what the sync needs to decide and report. */
export const PRODUCT_RETURN_PROPERTIES = [
  "Id", "No", "Name", "Description", "EAN1", "Weight", "Stock", "StockControlled", "StatusId",
  "SupplierId", "DateChanged",
] as const;
export const INVOICE_RETURN_PROPERTIES = [
  "OrderId", "OrderStatus", "CustomerId", "CustomerName", "CustomerDeliveryName", "CustomerDeliveryPhone",
  "InvoiceEmailAddress", "Addresses", "DeliveryDate", "DeliveryMethod", "ReferenceNumber", "YourReference",
  "InvoiceTitle", "Currency", "DateChanged", "InvoiceRows",
] as const;
export const INVOICE_ROW_RETURN_PROPERTIES = ["RowId", "ProductId", "ProductNo", "Name", "Quantity", "Type"] as const;
export const COMPANY_RETURN_PROPERTIES = [
  "Id", "Name", "Type", "Addresses", "PhoneNumbers", "EmailAddresses", "Country", "DateChanged",
] as const;

export interface FinagoConnectorOptions {
  /** API base URL of the integration; the sandbox's URL works the same way. */
  baseUrl?: string;
  credentials: FinagoCredentials;
  sessionStore: FinagoSessionStore;
  logger?: FinagoLogger;
  retry?: Partial<FinagoRetryOptions>;
  /** Per HTTP request. */
  timeoutMs?: number;
}

export interface InvoiceExtraProperties {
  /** Further InvoiceOrder members, by WSDL name (e.g. "DeliveryAlternative"). */
  invoice?: readonly string[];
  /** Further InvoiceRow members, by WSDL name (e.g. "Price"). */
  row?: readonly string[];
}

export interface OrderStatusUpdate {
  orderId: number;
  /** Resent on the update: Finago marks CustomerId as required. */
  customerId: number;
  status: OrderSlipState;
}

export interface FinagoConnector {
  /** Starts a sync run: the next call checks the stored session once (HasSession). */
  beginRun(): void;
  getProductsChangedSince(since: Date, extraProperties?: readonly string[]): Promise<FinagoProduct[]>;
  getProductsByIds(ids: readonly number[], extraProperties?: readonly string[]): Promise<FinagoProduct[]>;
  /** Absolute stock quantity; throws FinagoRecordError when Finago answers false. */
  setStockQuantity(productId: number, quantity: number): Promise<void>;
  getInvoicesChangedSince(since: Date, states: readonly OrderSlipState[], extra?: InvoiceExtraProperties): Promise<FinagoInvoiceOrder[]>;
  getInvoicesByOrderIds(ids: readonly number[], extra?: InvoiceExtraProperties): Promise<FinagoInvoiceOrder[]>;
  getOrderSyncList(params: { registeredAfter: Date; changedAfter?: Date }): Promise<number[]>;
  /** One result per update, in order; an APIException fails only its own item. */
  setOrderStatuses(updates: readonly OrderStatusUpdate[]): Promise<FinagoItemResult<OrderStatusUpdate>[]>;
  /** Every company id, through GetCompanySyncList's pages (Finago's advice for a full load). */
  getCompanySyncList(params?: { changedAfter?: Date }): Promise<number[]>;
  getCompaniesChangedSince(since: Date): Promise<FinagoCompany[]>;
  getCompaniesByIds(ids: readonly number[]): Promise<FinagoCompany[]>;
  /** HTTP requests made so far (Login and HasSession included), against the 7,200/hour quota. */
  calls(): FinagoCallCounts;
}

function checkDate(value: Date, what: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new TypeError(`${what} must be a valid Date`);
  return value;
}

function checkIds(ids: readonly number[], what: string): number[] {
  if (!Array.isArray(ids)) throw new TypeError(`${what} must be an array`);
  for (const id of ids) {
    if (!Number.isInteger(id) || id < 1 || id > 2147483647) throw new TypeError(`${what}: ${id} is not a Finago id`);
  }
  return [...new Set(ids)];
}

function properties(shape: Shape, base: readonly string[], extra: readonly string[] | undefined, what: string): string[] {
  const wanted = [...base, ...(extra ?? [])];
  const unknown = unknownMembers(shape, wanted);
  if (unknown.length > 0) throw new TypeError(`unknown ${what} properties: ${unknown.join(", ")}`);
  return [...new Set(wanted)];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function items(response: XmlNode, resultName: string, itemName: string): XmlNode[] {
  return children(child(response, resultName), itemName);
}

export function createFinagoConnector(options: FinagoConnectorOptions): FinagoConnector {
  validateCredentials(options.credentials);
  const baseUrl = options.baseUrl ?? FINAGO_DEFAULT_BASE_URL;
  if (!/^https?:\/\/[^\s]+$/i.test(baseUrl)) throw new TypeError(`Finago base URL is not an http(s) URL: ${baseUrl}`);
  const retry: FinagoRetryOptions = { attempts: 3, baseDelayMs: 1000, maxDelayMs: 15_000, ...options.retry };
  const transport = new FinagoSoapTransport({
    baseUrl, timeoutMs: options.timeoutMs ?? 60_000, retry, logger: options.logger,
  });
  const session = new FinagoSession(transport, options.credentials, options.sessionStore, options.logger);

  /** A call with the session cookie; on an authentication fault, one new login and one retry. */
  async function call(service: FinagoServiceName, operation: string, args: object): Promise<XmlNode> {
    const sessionId = await session.current();
    try {
      return await transport.call(service, operation, args, sessionId);
    } catch (err) {
      if (!(err instanceof FinagoAuthenticationError)) throw err;
      options.logger?.info?.({ operation }, "finago session no longer valid; logging in again");
      const fresh = await session.renew(sessionId);
      return transport.call(service, operation, args, fresh);
    }
  }

  async function getProducts(searchParams: object, returnProperties: string[]): Promise<FinagoProduct[]> {
    const response = await call("product", "GetProducts", { searchParams, returnProperties: { string: returnProperties } });
    return items(response, "GetProductsResult", "Product").map(readProduct).filter((p) => p !== undefined);
  }

  function invoiceProperties(extra?: InvoiceExtraProperties) {
    return {
      invoiceReturnProperties: { string: properties(INVOICE_ORDER, INVOICE_RETURN_PROPERTIES, extra?.invoice, "InvoiceOrder") },
      rowReturnProperties: { string: properties(INVOICE_ROW, INVOICE_ROW_RETURN_PROPERTIES, extra?.row, "InvoiceRow") },
    };
  }

  async function getInvoices(searchParams: object, extra?: InvoiceExtraProperties): Promise<FinagoInvoiceOrder[]> {
    const response = await call("invoice", "GetInvoices", { searchParams, ...invoiceProperties(extra) });
    return items(response, "GetInvoicesResult", "InvoiceOrder").map(readInvoiceOrder).filter((o) => o !== undefined);
  }

  async function getCompanies(searchParams: object): Promise<FinagoCompany[]> {
    const response = await call("company", "GetCompanies", {
      searchParams, returnProperties: { string: [...COMPANY_RETURN_PROPERTIES] },
    });
    return items(response, "GetCompaniesResult", "Company").map(readCompany).filter((c) => c !== undefined);
  }

  return {
    beginRun: () => session.beginRun(),

    async getProductsChangedSince(since, extraProperties) {
      const props = properties(PRODUCT, PRODUCT_RETURN_PROPERTIES, extraProperties, "Product");
      return getProducts({ DateChanged: formatDateTime(checkDate(since, "since")) }, props);
    },

    async getProductsByIds(ids, extraProperties) {
      const props = properties(PRODUCT, PRODUCT_RETURN_PROPERTIES, extraProperties, "Product");
      const out: FinagoProduct[] = [];
      for (const batch of chunks(checkIds(ids, "product ids"), FINAGO_MAX_IDS_PER_CALL)) {
        out.push(...(await getProducts({ ProductIds: { int: batch } }, props)));
      }
      return out;
    },

    async setStockQuantity(productId, quantity) {
      checkIds([productId], "product id");
      if (!Number.isFinite(quantity)) throw new TypeError(`stock quantity must be a finite number`);
      const response = await call("product", "SetStockQuantity", {
        productId, stockQuantity: formatDecimal(quantity),
      });
      if (textOf(child(response, "SetStockQuantityResult"))?.toLowerCase() !== "true") {
        throw new FinagoRecordError(`Finago did not set the stock of product ${productId}`, {
          operation: "SetStockQuantity", recordId: productId,
        });
      }
    },

    async getInvoicesChangedSince(since, states, extra) {
      for (const state of states) {
        if (!ORDER_SLIP_STATES.includes(state)) throw new TypeError(`unknown OrderSlipStateType ${state}`);
      }
      const searchParams: Record<string, unknown> = { ChangedAfter: formatDateTime(checkDate(since, "since")) };
      if (states.length > 0) searchParams.OrderStates = { OrderSlipStateType: [...states] };
      return getInvoices(searchParams, extra);
    },

    async getInvoicesByOrderIds(ids, extra) {
      const out: FinagoInvoiceOrder[] = [];
      for (const batch of chunks(checkIds(ids, "order ids"), FINAGO_MAX_IDS_PER_CALL)) {
        out.push(...(await getInvoices({ OrderIds: { int: batch } }, extra)));
      }
      return out;
    },

    async getOrderSyncList({ registeredAfter, changedAfter }) {
      // ChangedAfter precedes RegisteredAfter in InvoiceSyncParameters; RegisteredAfter is required.
      const syncParams: Record<string, string> = {};
      if (changedAfter) syncParams.ChangedAfter = formatDateTime(checkDate(changedAfter, "changedAfter"));
      syncParams.RegisteredAfter = formatDateTime(checkDate(registeredAfter, "registeredAfter"));
      const response = await call("invoice", "GetOrderSyncList", { syncParams });
      return children(child(response, "GetOrderSyncListResult"), "int")
        .map((n) => readInt(textOf(n)))
        .filter((n): n is number => n !== undefined);
    },

    async setOrderStatuses(updates) {
      for (const u of updates) {
        checkIds([u.orderId, u.customerId], "order status update");
        if (!ORDER_SLIP_STATES.includes(u.status)) throw new TypeError(`unknown OrderSlipStateType ${u.status}`);
      }
      const results: FinagoItemResult<OrderStatusUpdate>[] = [];
      for (const batch of chunks(updates, 100)) {
        // InvoiceOrder members in WSDL order. IncludeVAT is minOccurs=1 and nillable: sent as nil.
        const invoices = batch.map((u) => ({
          OrderId: u.orderId, CustomerId: u.customerId, OrderStatus: u.status, IncludeVAT: null,
        }));
        const response = await call("invoice", "SaveInvoices", { invoices: { InvoiceOrder: invoices } });
        const returned = items(response, "SaveInvoicesResult", "InvoiceOrder");
        batch.forEach((update, index) => {
          const item = returned.find((r) => readInt(textOf(child(r, "OrderId"))) === update.orderId) ?? returned[index];
          if (!item) {
            results.push({ item: update, error: { message: `Finago returned no result for order ${update.orderId}` } });
            return;
          }
          const exception = readApiException(item);
          results.push(exception ? { item: update, error: exception } : { item: update });
        });
      }
      return results;
    },

    async getCompanySyncList({ changedAfter } = {}) {
      const ids: number[] = [];
      for (let page = 1, totalPages = 1; page <= totalPages; page++) {
        // SyncSearchParameters in WSDL order; Active is minOccurs=1 and nillable: nil means all.
        const syncSearchParameters: Record<string, unknown> = { Page: page, Active: null };
        if (changedAfter) syncSearchParameters.ChangedAfter = formatDateTime(checkDate(changedAfter, "changedAfter"));
        const response = await call("company", "GetCompanySyncList", { syncSearchParameters });
        const result = child(response, "GetCompanySyncListResult");
        totalPages = Math.min(readInt(textOf(child(result, "TotalPages"))) ?? 0, MAX_SYNC_PAGES);
        for (const item of children(child(result, "Items"), "SyncCompany")) {
          const id = readInt(textOf(child(item, "CompanyId")));
          if (id !== undefined) ids.push(id);
        }
      }
      return ids;
    },

    async getCompaniesChangedSince(since) {
      return getCompanies({ ChangedAfter: formatDateTime(checkDate(since, "since")) });
    },

    async getCompaniesByIds(ids) {
      const out: FinagoCompany[] = [];
      for (const batch of chunks(checkIds(ids, "company ids"), FINAGO_MAX_IDS_PER_CALL)) {
        out.push(...(await getCompanies({ CompanyIds: { int: batch } })));
      }
      return out;
    },

    calls: () => transport.calls(),
  };
}

