// Lenient reading of SOAP responses. Real Finago responses break their own schema (xsi:nil on
// non-nillable members, APIException out of order), so elements are found by local name in
// any order, namespaces are ignored and a nil element counts as absent.
import { XMLParser } from "fast-xml-parser";

export type XmlNode = { [name: string]: XmlNode[] | string | undefined };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
  textNodeName: "#text",
});

export function parseXml(xml: string): XmlNode {
  return parser.parse(xml) as XmlNode;
}

function isNil(node: XmlNode | string): boolean {
  if (typeof node === "string") return false;
  const nil = node["@nil"];
  return typeof nil === "string" && (nil === "true" || nil === "1");
}

/** The non-nil child elements called `name`. */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  if (!node) return [];
  const list = node[name];
  if (!Array.isArray(list)) return [];
  return list
    .filter((child) => !isNil(child))
    .map((child) => (typeof child === "string" ? ({ "#text": child } as XmlNode) : child));
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return children(node, name)[0];
}

/** The text of an element (empty element → ""), or undefined when absent or nil. */
export function textOf(node: XmlNode | undefined): string | undefined {
  if (!node) return undefined;
  const text = node["#text"];
  if (typeof text === "string") return text.trim();
  const hasChildren = Object.keys(node).some((k) => !k.startsWith("@") && k !== "#text");
  return hasChildren ? undefined : "";
}

export function childText(node: XmlNode | undefined, name: string): string | undefined {
  return textOf(child(node, name));
}

/** Follows a path of local names, taking the first match at each step. */
export function descend(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let current = node;
  for (const name of path) current = child(current, name);
  return current;
}

/** The first element of Envelope/Body. */
export function soapBodyContent(root: XmlNode): { name: string; node: XmlNode } | undefined {
  const body = descend(root, "Envelope", "Body");
  if (!body) return undefined;
  for (const name of Object.keys(body)) {
    if (name.startsWith("@") || name === "#text") continue;
    const node = child(body, name);
    if (node) return { name, node };
  }
  return undefined;
}

export interface SoapFaultInfo {
  faultcode?: string;
  faultstring: string;
}

/** The SOAP 1.1 (or 1.2) fault in a response body, if there is one. */
export function readSoapFault(xml: string): SoapFaultInfo | undefined {
  let root: XmlNode;
  try {
    root = parseXml(xml);
  } catch {
    return undefined;
  }
  const fault = descend(root, "Envelope", "Body", "Fault");
  if (!fault) return undefined;
  const faultstring = childText(fault, "faultstring") ?? textOf(descend(fault, "Reason", "Text")) ?? "";
  const faultcode = childText(fault, "faultcode") ?? textOf(descend(fault, "Code", "Value"));
  return { faultcode, faultstring };
}
