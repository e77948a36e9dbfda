// The members of Finago's types as the connector reads and requests them, with their XSD types
// (from the WSDLs in ./wsdl). Used to convert values by name and to refuse unknown property names
// before they reach Finago.

export type ScalarKind = "int" | "short" | "long" | "decimal" | "double" | "boolean" | "dateTime" | "string";
export interface ObjectKind { object: Shape }
export interface ListKind { list: string; of: Shape }
export type MemberKind = ScalarKind | ObjectKind | ListKind;
export type Shape = Readonly<Record<string, MemberKind>>;

export const ADDRESS: Shape = {
  Street: "string", State: "string", PostalCode: "string", PostalArea: "string",
  Name: "string", City: "string", Country: "string",
};
export const ADDRESSES: Shape = {
  Post: { object: ADDRESS }, Delivery: { object: ADDRESS }, Visit: { object: ADDRESS }, Invoice: { object: ADDRESS },
};
const API_EXCEPTION: Shape = { Type: "string", Message: "string", StackTrace: "string" };

export const PRODUCT: Shape = {
  CashPriceIncTax: "double", WebPrice: "decimal", SupplierId: "int", Id: "int", Name: "string",
  TaxRate: "decimal", Stock: "decimal", StatusId: "int", CategoryId: "int", PriceGroupID: "int",
  InPrice: "decimal", Description: "string", DescriptionLong: "string", Cost: "decimal", EAN1: "string",
  Price: "decimal", No: "string", DateChanged: "dateTime", APIException: { object: API_EXCEPTION },
  Weight: "decimal", MinimumStock: "decimal", OrderProposal: "decimal", StockLocation: "string",
  SupplierProductCode: "string", SupplierProductName: "string", Web: "boolean", ProductCode: "string",
  StockControlled: "boolean", NewOffer: "boolean", NewProduct: "boolean",
};

export const INVOICE_ROW: Shape = {
  ProductId: "int", RowId: "int", VatRate: "decimal", Price: "decimal", Name: "string",
  DiscountRate: "decimal", Quantity: "decimal", QuantityDelivered: "decimal", QuantityOrdered: "decimal",
  QuantityRest: "decimal", Cost: "decimal", ChangeState: "string", TypeGroupId: "int", SequenceNumber: "short",
  Hidden: "boolean", Type: "string", InPrice: "decimal", AccrualDate: "dateTime", AccrualLength: "int",
  AccountProject: "boolean", ProjectId: "int", DepartmentId: "int", ProductNo: "string", SerialNumber: "string",
};

export const INVOICE_ORDER: Shape = {
  OrderId: "int", CustomerId: "int", CustomerName: "string", CustomerDeliveryName: "string",
  CustomerDeliveryPhone: "string", Addresses: { object: ADDRESSES }, OrderStatus: "string", InvoiceId: "int",
  DateOrdered: "dateTime", DateInvoiced: "dateTime", DateChanged: "dateTime", PaymentTime: "int",
  CustomerReferenceNo: "string", ProjectId: "int", OurReference: "int", IncludeVAT: "boolean",
  YourReference: "string", OrderTotalIncVat: "decimal", OrderTotalVat: "decimal", InvoiceTitle: "string",
  InvoiceText: "string", Paid: "dateTime", OCR: "string", CustomerOrgNo: "string",
  Currency: { object: { Rate: "decimal", Unit: "short", Symbol: "string" } }, PaymentMethodId: "int",
  PaymentAmount: "decimal", ProductionManagerId: "int", SalesOpportunityId: "int", TypeOfSaleId: "int",
  Distributor: "string", DistributionMethod: "string", DepartmentId: "int", ExternalStatus: "int",
  InvoiceEmailAddress: "string", InvoiceRows: { list: "InvoiceRow", of: INVOICE_ROW },
  APIException: { object: API_EXCEPTION }, ProductionNumber: "string", DeliveryDate: "dateTime",
  ReferenceInvoiceId: "int", ReferenceOrderId: "int", ReferenceNumber: "string", SkipStock: "boolean",
  AccrualDate: "dateTime", AccrualLength: "int", RoundFactor: "decimal", InvoiceTemplateId: "string",
  VippsNumber: "string", DeliveryMethod: { object: { Id: "int", Description: "string" } },
  DeliveryAlternative: "string", SendToFactoring: "boolean", Commission: "decimal", GLNNumber: "string",
  CustomerDeliveryId: "int",
};

const PHONE: Shape = { Description: "string", Value: "string" };
const EMAIL: Shape = { Description: "string", Name: "string", Value: "string" };

export const COMPANY: Shape = {
  APIException: { object: API_EXCEPTION }, Id: "int", ExternalId: "string", OrganizationNumber: "string",
  Name: "string", FirstName: "string", NickName: "string", Addresses: { object: ADDRESSES },
  PhoneNumbers: {
    object: { Home: { object: PHONE }, Fax: { object: PHONE }, Mobile: { object: PHONE }, Primary: { object: PHONE }, Work: { object: PHONE } },
  },
  EmailAddresses: {
    object: {
      Home: { object: EMAIL }, Invoice: { object: EMAIL }, Primary: { object: EMAIL },
      Work: { object: EMAIL }, Alternative: { object: EMAIL },
    },
  },
  Url: "string", Country: "string", Note: "string", InvoiceLanguage: "string", Type: "string",
  IncorporationDate: "dateTime", DateCreated: "dateTime", Status: "int", PriceList: "int", Owner: "int",
  DateChanged: "dateTime", BlockInvoice: "boolean", GlnNumber: "string", VatNumber: "string",
};

/** Names in `requested` that `shape` does not have. */
export function unknownMembers(shape: Shape, requested: readonly string[]): string[] {
  return requested.filter((name) => !Object.hasOwn(shape, name));
}
