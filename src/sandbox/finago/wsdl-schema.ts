// Reads the complex and simple types of the Finago WSDLs the sandbox serves, so responses follow
// the declared member order and defaults (the sentinels Finago sends for unset values).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { XMLParser } from "fast-xml-parser";

export interface SchemaMember {
  name: string;
  /** Local type name, e.g. "int", "dateTime", "Address", "ArrayOfInvoiceRow". */
  type: string;
  default?: string;
  nillable: boolean;
  minOccurs: number;
  repeated: boolean;
}

export interface SandboxSchema {
  complexTypes: Map<string, SchemaMember[]>;
  enumerations: Map<string, string[]>;
  /** Top-level element name → its members (the operation wrappers). */
  elements: Map<string, SchemaMember[]>;
  /** Operation names of the SOAP 1.1 binding. */
  operations: string[];
}

export const SANDBOX_SERVICES = {
  Authenticate: { wsdl: "soap-wsdl-authService.wsdl", path: "/authenticate/v001/authenticate.asmx" },
  ProductService: { wsdl: "soap-wsdl-productService.wsdl", path: "/Logistics/Product/V001/ProductService.asmx" },
  InvoiceService: { wsdl: "soap-wsdl-invoiceService.wsdl", path: "/Economy/InvoiceOrder/V001/InvoiceService.asmx" },
  CompanyService: { wsdl: "soap-wsdl-companyService.wsdl", path: "/CRM/Company/V001/CompanyService.asmx" },
} as const;
export type SandboxServiceName = keyof typeof SANDBOX_SERVICES;

export function wsdlText(service: SandboxServiceName): string {
  const url = new URL(`../../finago/wsdl/${SANDBOX_SERVICES[service].wsdl}`, import.meta.url);
  return readFileSync(fileURLToPath(url), "utf8");
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  removeNSPrefix: true,
  isArray: (name) => ["schema", "complexType", "simpleType", "element", "enumeration", "operation", "binding"].includes(name),
});

type Node = Record<string, unknown>;
const local = (qname: unknown) => String(qname ?? "").split(":").pop() ?? "";
const list = (v: unknown): Node[] => (Array.isArray(v) ? (v as Node[]) : v ? [v as Node] : []);

function membersOf(complexType: Node): SchemaMember[] {
  const sequence = complexType.sequence as Node | undefined;
  return list(sequence?.element).map((e) => ({
    name: String(e.name ?? local(e.ref)),
    type: local(e.type) || "anyType",
    default: e.default === undefined ? undefined : String(e.default),
    nillable: e.nillable === "true",
    minOccurs: e.minOccurs === undefined ? 1 : Number(e.minOccurs),
    repeated: e.maxOccurs === "unbounded" || Number(e.maxOccurs) > 1,
  }));
}

export function readSchema(service: SandboxServiceName): SandboxSchema {
  const root = parser.parse(wsdlText(service)) as Node;
  const definitions = root.definitions as Node;
  const complexTypes = new Map<string, SchemaMember[]>();
  const enumerations = new Map<string, string[]>();
  const elements = new Map<string, SchemaMember[]>();
  for (const schema of list((definitions.types as Node).schema)) {
    for (const ct of list(schema.complexType)) complexTypes.set(String(ct.name), membersOf(ct));
    for (const st of list(schema.simpleType)) {
      const values = list((st.restriction as Node | undefined)?.enumeration).map((e) => String(e.value));
      if (values.length > 0) enumerations.set(String(st.name), values);
    }
    for (const el of list(schema.element)) {
      const inline = list(el.complexType)[0];
      elements.set(String(el.name), inline ? membersOf(inline) : []);
    }
  }
  const binding = list(definitions.binding)[0];
  const operations = list(binding?.operation).map((o) => String(o.name));
  return { complexTypes, enumerations, elements, operations };
}
