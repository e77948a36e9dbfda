// Turns leniently parsed response elements into the shapes of finago-types.ts.
import type { FinagoCompany, FinagoInvoiceOrder, FinagoProduct } from "./finago-types.js";
import { INVOICE_ORDER, COMPANY, PRODUCT, type MemberKind, type Shape } from "./finago-schema.js";
import { child, children, textOf, type XmlNode } from "./finago-xml.js";
import { readBoolean, readDateTime, readDecimal, readInt, readShort, readString } from "./finago-values.js";

function readMember(node: XmlNode, kind: MemberKind): unknown {
  if (typeof kind === "string") {
    const text = textOf(node);
    switch (kind) {
      case "int":
      case "long":
        return readInt(text);
      case "short":
        return readShort(text);
      case "decimal":
      case "double":
        return readDecimal(text);
      case "boolean":
        return readBoolean(text);
      case "dateTime":
        return readDateTime(text);
      default:
        return readString(text);
    }
  }
  if ("object" in kind) return readObject(node, kind.object);
  return children(node, kind.list)
    .map((item) => readObject(item, kind.of))
    .filter((item) => item !== undefined);
}

/** Reads every member present, by name and in any order; unknown members are kept as text. */
export function readObject(node: XmlNode, shape: Shape): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(node)) {
    if (name.startsWith("@") || name === "#text") continue;
    const element = child(node, name);
    if (!element) continue;
    const kind: MemberKind = Object.hasOwn(shape, name) ? shape[name] : "string";
    const value = readMember(element, kind);
    if (value !== undefined) out[name] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function readProduct(node: XmlNode): FinagoProduct | undefined {
  const product = readObject(node, PRODUCT);
  if (!product || typeof product.Id !== "number") return undefined;
  return product as FinagoProduct;
}

export function readInvoiceOrder(node: XmlNode): FinagoInvoiceOrder | undefined {
  const order = readObject(node, INVOICE_ORDER);
  if (!order || typeof order.OrderId !== "number") return undefined;
  if (!Array.isArray(order.InvoiceRows)) order.InvoiceRows = [];
  return order as unknown as FinagoInvoiceOrder;
}

export function readCompany(node: XmlNode): FinagoCompany | undefined {
  const company = readObject(node, COMPANY);
  if (!company || typeof company.Id !== "number") return undefined;
  return company as unknown as FinagoCompany;
}

export interface ApiExceptionInfo { type?: string; message: string }

/** The APIException of a returned item, wherever it sits in the item. */
export function readApiException(item: XmlNode): ApiExceptionInfo | undefined {
  const exception = child(item, "APIException");
  if (!exception) return undefined;
  const message = textOf(child(exception, "Message")) ?? "";
  const type = readString(textOf(child(exception, "Type")));
  if (!message && !type) return undefined;
  return { type, message: message || type || "APIException" };
}
