// Request bodies the sandbox accepts for PUT /articles and PUT /orders, after Ongoing's
// PostArticleModel / PostOrderModel (member lists from clients generated from Ongoing's OpenAPI
// spec). Like the real service, unknown members are rejected, numbers may arrive as numeric
// strings (Ongoing's own examples send "1.5"), and null stands for "not given".
// Objects whose member lists are not known in full here (advanced, customsInfo, ...) are
// accepted as any object rather than rejecting members the real service would take.

import { Type } from "typebox";
import type { TSchema } from "typebox";
import { Compile } from "typebox/compile";

const DECIMAL = "^\\s*-?\\d+(\\.\\d+)?\\s*$";
const INTEGER = "^\\s*-?\\d+\\s*$";

/** Marks a schema position whose numeric strings are converted to numbers after validation. */
const NUMERIC = "x-sandbox-numeric";

const Decimal = () => Type.Union([Type.Number(), Type.String({ pattern: DECIMAL }), Type.Null()], { [NUMERIC]: true });
const Int = () => Type.Union([Type.Integer(), Type.String({ pattern: INTEGER }), Type.Null()], { [NUMERIC]: true });
const Text = () => Type.Optional(Type.Union([Type.String(), Type.Null()]));
const Bool = () => Type.Optional(Type.Union([Type.Boolean(), Type.Null()]));
const OptDecimal = () => Type.Optional(Decimal());
const OptInt = () => Type.Optional(Int());
const AnyObject = () => Type.Optional(Type.Union([Type.Object({}), Type.Null()]));
const AnyArray = () => Type.Optional(Type.Union([Type.Array(Type.Unknown()), Type.Null()]));
const Strict = { additionalProperties: false } as const;
const CodeName = () =>
  Type.Optional(Type.Union([Type.Object({ code: Text(), name: Text() }, { ...Strict, title: "CodeNamePair" }), Type.Null()]));

const SupplierAddress = Type.Object(
  {
    name: Text(),
    address: Text(),
    address2: Text(),
    address3: Text(),
    postCode: Text(),
    city: Text(),
    countryCode: Text(),
    countryStateCode: Text(),
    telePhone: Text(),
    mobilePhone: Text(),
    email: Text(),
    remark: Text(),
    deliveryInstruction: Text(),
    isVisible: Bool(),
    notifyBySMS: Bool(),
    notifyByEmail: Bool(),
    notifyByTelephone: Bool(),
  },
  { ...Strict, title: "PostArticleSupplierAddress" },
);

const SupplierInfo = Type.Object(
  {
    supplierArticleNumber: Text(),
    supplierNumber: Text(),
    supplierName: Text(),
    advanced: Type.Optional(
      Type.Union([
        Type.Object(
          { supplierAddress: Type.Optional(Type.Union([SupplierAddress, Type.Null()])), manufacturersIdentificationCode: Text() },
          { ...Strict, title: "PostArticleSupplierInfoAdvanced" },
        ),
        Type.Null(),
      ]),
    ),
  },
  { ...Strict, title: "PostArticleSupplierInfo" },
);

export const PostArticleModelSchema = Type.Object(
  {
    goodsOwnerId: Int(),
    articleNumber: Type.String({ minLength: 1 }),
    articleName: Text(),
    productCode: Text(),
    unitCode: Text(),
    description: Text(),
    isStockArticle: Bool(),
    isActive: Bool(),
    supplierInfo: Type.Optional(Type.Union([SupplierInfo, Type.Null()])),
    barCodeInfo: Type.Optional(
      Type.Union([
        Type.Object(
          { barCode: Text(), barCodePackage: Text(), barCodePallet: Text(), alternativeBarCodes: AnyArray() },
          { ...Strict, title: "PostArticleBarCodeInfo" },
        ),
        Type.Null(),
      ]),
    ),
    quantityPerPackage: OptInt(),
    quantityPerPallet: OptInt(),
    weight: OptDecimal(),
    length: OptDecimal(),
    width: OptDecimal(),
    height: OptDecimal(),
    volume: OptDecimal(),
    purchasePrice: OptDecimal(),
    stockValuationPrice: OptDecimal(),
    customerPrice: OptDecimal(),
    purcaseCurrencyCode: Text(),
    countryOfOriginCode: Text(),
    statisticsNumber: Text(),
    articleGroup: CodeName(),
    articleCategory: CodeName(),
    articleColor: CodeName(),
    articleSize: CodeName(),
    articleNameTranslations: AnyArray(),
    stockLimit: OptInt(),
    minimumReorderQuantity: OptDecimal(),
    netWeight: OptDecimal(),
    linkToPicture: Text(),
    structureDefinition: AnyObject(),
    quantityPerLayerOnPallet: OptInt(),
    subQuantityPerItem: OptDecimal(),
    minDaysToExpiryDateAllowedOnDelivery: OptInt(),
    storageProperties: AnyObject(),
    freeValues: AnyObject(),
    storageClass: AnyObject(),
    customsDescription: Text(),
    taricNumbersInfo: AnyObject(),
    articleInboundHandlingComment: Text(),
    articlePickingHandlingComment: Text(),
    articleReturnHandlingComment: Text(),
    articlePackingHandlingComment: Text(),
    alternativeSuppliersInfo: AnyObject(),
    articleClassesInfo: AnyObject(),
    additionalStatisticsNumber: Text(),
    customsExportConditions: Text(),
    advanced: AnyObject(),
  },
  { ...Strict, title: "PostArticleModel" },
);

const Notification = () =>
  Type.Optional(
    Type.Union([Type.Object({ toBeNotified: Bool(), value: Text() }, { ...Strict, title: "PostOrderNotification" }), Type.Null()]),
  );

const InvoiceAddress = Type.Object(
  {
    name: Text(),
    address1: Text(),
    address2: Text(),
    address3: Text(),
    postCode: Text(),
    city: Text(),
    countryCode: Text(),
    countryStateCode: Text(),
    advanced: AnyObject(),
  },
  { ...Strict, title: "PostOrderConsigneeInvoiceAddress" },
);

const Consignee = Type.Object(
  {
    customerNumber: Text(),
    name: Text(),
    address1: Text(),
    address2: Text(),
    address3: Text(),
    postCode: Text(),
    city: Text(),
    countryCode: Text(),
    countryStateCode: Text(),
    remark: Text(),
    doorCode: Text(),
    advanced: Type.Optional(
      Type.Union([
        Type.Object(
          {
            telephoneNotification: Notification(),
            emailNotification: Notification(),
            smsNotification: Notification(),
            externalCustomerCode: Text(),
          },
          { ...Strict, title: "PostOrderConsigneeAdvanced" },
        ),
        Type.Null(),
      ]),
    ),
    invoiceAddress: Type.Optional(Type.Union([InvoiceAddress, Type.Null()])),
    organisationNumber: Text(),
    vatNumber: Text(),
    customerGroup: CodeName(),
  },
  { ...Strict, title: "PostOrderConsignee" },
);

const OrderLine = Type.Object(
  {
    rowNumber: Type.String({ minLength: 1 }),
    articleNumber: Type.String({ minLength: 1 }),
    numberOfItems: Type.Union([Type.Number(), Type.String({ pattern: DECIMAL })], { [NUMERIC]: true }),
    comment: Text(),
    shouldBePicked: Bool(),
    serialNumber: Text(),
    lineTotalCustomsValue: OptDecimal(),
    batchNumber: Text(),
    lineType: CodeName(),
    prices: Type.Optional(
      Type.Union([
        Type.Object(
          {
            linePrice: OptDecimal(),
            customerLinePrice: OptDecimal(),
            currencyCode: Text(),
            discountPercentage: OptDecimal(),
            totalVat: OptDecimal(),
          },
          { ...Strict, title: "PostOrderLinePrices" },
        ),
        Type.Null(),
      ]),
    ),
    customerArticleNumber: Text(),
    warehouseInstruction: Text(),
    externalId: Text(),
    articleItemStatus: CodeName(),
    lineFreeValues: AnyObject(),
    minDaysToExpiryDate: OptInt(),
    maxDaysToExpiryDate: OptInt(),
    deliveryDate: Text(),
    vat: AnyObject(),
    weight: OptDecimal(),
    minWeight: OptDecimal(),
    maxWeight: OptDecimal(),
  },
  { ...Strict, title: "PostOrderLine" },
);

export const PostOrderModelSchema = Type.Object(
  {
    goodsOwnerId: Int(),
    orderNumber: Type.String({ minLength: 1 }),
    deliveryDate: Type.String({ minLength: 1 }),
    referenceNumber: Text(),
    goodsOwnerOrderId: Text(),
    salesCode: Text(),
    orderRemark: Text(),
    deliveryInstruction: Text(),
    servicePointCode: Text(),
    freeText1: Text(),
    freeText2: Text(),
    freeText3: Text(),
    orderFreeDateTime1: Text(),
    orderType: CodeName(),
    wayOfDelivery: CodeName(),
    consignee: Consignee,
    emailNotification: Notification(),
    smsNotification: Notification(),
    telephoneNotification: Notification(),
    transporter: AnyObject(),
    returnTransporter: AnyObject(),
    orderLines: Type.Optional(Type.Union([Type.Array(OrderLine), Type.Null()])),
    customsInfo: AnyObject(),
    preparedTransportDocumentId: Text(),
    freightPrice: OptDecimal(),
    warehouseId: OptInt(),
    classes: AnyArray(),
    termsOfDeliveryType: CodeName(),
    customerPrice: OptDecimal(),
    advanced: AnyObject(),
    consigneeOrderNumber: Text(),
    warehouseInstruction: Text(),
    marketPlace: AnyObject(),
    pickingPriority: OptInt(),
    productionCode: Text(),
    transporterBulkId: Text(),
    invoiceUrl: Text(),
    languageCode: Text(),
  },
  { ...Strict, title: "PostOrderModel" },
);

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

/** Validates a body against a model schema, then turns numeric strings into numbers. */
export function validateModel<T>(schema: TSchema, body: unknown): ValidationResult<T> {
  const validator = compiled.get(schema) ?? Compile(schema);
  compiled.set(schema, validator);
  if (!validator.Check(body)) {
    const errors = validator.Errors(body) as unknown as Array<{ keyword: string; instancePath: string; message: string; params: Record<string, unknown> }>;
    const modelName = (schema as { title?: string }).title ?? "model";
    const unknownMember = errors.find((e) => e.keyword === "boolean" && e.message === "schema is false");
    if (unknownMember) {
      const path = jsonPath(unknownMember.instancePath);
      const member = path.split(".").pop() ?? path;
      return { ok: false, field: path, message: `Could not find member '${member}' on object of type '${modelName}'. Path '${path}'.` };
    }
    const required = errors.find((e) => e.keyword === "required");
    if (required) {
      const parent = jsonPath(required.instancePath);
      const missing = ((required.params.requiredProperties as string[]) ?? []).join(", ");
      const path = parent ? `${parent}.${missing}` : missing;
      return { ok: false, field: path, message: `Required property '${missing}' not found in JSON. Path '${path}'.` };
    }
    const first = errors.find((e) => e.keyword !== "anyOf") ?? errors[0];
    const path = jsonPath(first?.instancePath ?? "");
    return { ok: false, field: path, message: `Error converting value at path '${path}': ${first?.message ?? "invalid"}.` };
  }
  return { ok: true, value: coerceNumbers(schema, structuredClone(body)) as T };
}

const compiled = new Map<TSchema, ReturnType<typeof Compile>>();

function jsonPath(instancePath: string): string {
  return instancePath.replace(/^\//, "").replace(/\/(\d+)(?=\/|$)/g, "[$1]").replace(/\//g, ".");
}

function coerceNumbers(schema: TSchema, value: unknown): unknown {
  const s = schema as Record<string, unknown>;
  if (s[NUMERIC] && typeof value === "string") return Number(value.trim());
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const items = s.items as TSchema | undefined;
    return items ? value.map((v) => coerceNumbers(items, v)) : value;
  }
  const record = value as Record<string, unknown>;
  const properties = s.properties as Record<string, TSchema> | undefined;
  if (properties) {
    for (const [key, propSchema] of Object.entries(properties)) {
      if (key in record) record[key] = coerceNumbers(propSchema, record[key]);
    }
    return record;
  }
  const branches = s.anyOf as TSchema[] | undefined;
  const objectBranch = branches?.find((b) => (b as { type?: string }).type === "object" || (b as { type?: string }).type === "array");
  return objectBranch ? coerceNumbers(objectBranch, value) : value;
}
