// Domain shapes of Finago Office's SOAP API as the bridge reads them, after the
// connector has parsed the response leniently: sentinel defaults and xsi:nil have
// already become `undefined`, numbers are numbers and dates are Date objects.
// Names follow the WSDL (namespace http://24sevenOffice.com/webservices).

/** OrderSlipStateType, in the WSDL's order. Spelled exactly as Finago does. */
export const ORDER_SLIP_STATES = [
  "None", "Offer", "Pack", "Invoiced", "Web", "Repeating", "CollectingOrder", "Return",
  "Distribution", "Rest", "ForInvoicing", "OvertimeRent", "Confirmed", "OrderState_Sent",
  "Production", "PaymentReminder", "OnAccount", "Lending", "InvoicedCashAccount",
  "InvoicedPack", "Inactive", "Hours", "OrderState_SuperStore", "Draft",
] as const;
export type OrderSlipState = (typeof ORDER_SLIP_STATES)[number];

export const COMPANY_TYPES = ["None", "Lead", "Consumer", "Business", "Supplier"] as const;
export type CompanyType = (typeof COMPANY_TYPES)[number];

export interface FinagoProduct {
  Id: number;
  No?: string;
  Name?: string;
  Description?: string;
  EAN1?: string;
  Weight?: number;
  Stock?: number;
  StockControlled?: boolean;
  SupplierId?: number;
  StatusId?: number;
  DateChanged?: Date;
  /** Further plain fields asked for through extra field mappings, by WSDL name. */
  [extra: string]: unknown;
}

export interface FinagoAddress {
  Street?: string;
  State?: string;
  PostalCode?: string;
  PostalArea?: string;
  Name?: string;
  City?: string;
  Country?: string;
}

export interface FinagoAddresses {
  Post?: FinagoAddress;
  Delivery?: FinagoAddress;
  Visit?: FinagoAddress;
  Invoice?: FinagoAddress;
}

export interface FinagoDeliveryMethod {
  Id?: number;
  Description?: string;
}

export type InvoiceRowType = "Normal" | "Text" | "TextBold";

export interface FinagoInvoiceRow {
  RowId?: number;
  ProductId?: number;
  ProductNo?: string;
  Name?: string;
  Quantity?: number;
  Price?: number;
  Type?: InvoiceRowType;
  [extra: string]: unknown;
}

export interface FinagoInvoiceOrder {
  OrderId: number;
  OrderStatus?: OrderSlipState;
  CustomerId?: number;
  CustomerName?: string;
  CustomerDeliveryName?: string;
  CustomerDeliveryPhone?: string;
  InvoiceEmailAddress?: string;
  Addresses?: FinagoAddresses;
  DeliveryDate?: Date;
  DeliveryMethod?: FinagoDeliveryMethod;
  ReferenceNumber?: string;
  YourReference?: string;
  InvoiceTitle?: string;
  Currency?: { Symbol?: string; Rate?: number };
  DateChanged?: Date;
  InvoiceRows: FinagoInvoiceRow[];
  [extra: string]: unknown;
}

export interface FinagoPhoneNumber { Description?: string; Value?: string }
export interface FinagoEmailAddress { Description?: string; Name?: string; Value?: string }

export interface FinagoCompany {
  Id: number;
  Name?: string;
  Type?: CompanyType;
  Addresses?: FinagoAddresses;
  PhoneNumbers?: {
    Home?: FinagoPhoneNumber; Fax?: FinagoPhoneNumber; Mobile?: FinagoPhoneNumber;
    Primary?: FinagoPhoneNumber; Work?: FinagoPhoneNumber;
  };
  EmailAddresses?: {
    Home?: FinagoEmailAddress; Invoice?: FinagoEmailAddress; Primary?: FinagoEmailAddress;
    Work?: FinagoEmailAddress; Alternative?: FinagoEmailAddress;
  };
  Country?: string;
  DateChanged?: Date;
}

/** Per-record outcome of a Save* call: Finago reports errors inside each returned item. */
export interface FinagoItemResult<T> {
  item: T;
  error?: { type?: string; message: string };
}
