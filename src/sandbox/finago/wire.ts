// Conversion between the sandbox's records (WSDL member names, Date and number values) and
// the wire: JSON from the admin interface in, WSDL-ordered objects for the soap server out.
import type { SandboxSchema, SchemaMember } from "./wsdl-schema.js";

export type SandboxRecord = Record<string, unknown>;

const SCALARS = new Set([
  "int", "long", "short", "decimal", "double", "float", "boolean", "dateTime", "string", "guid", "base64Binary",
]);
/** Containers whose absent members the real API sends as xsi:nil, even though the WSDL does not allow it. */
const NIL_CONTAINERS = new Set(["Addresses", "PhoneNumbers", "EmailAddresses"]);

export class WireError extends Error {}

export function fixedPoint(value: number): string {
  const plain = String(value);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/i.exec(plain);
  if (!m) return plain;
  const [, sign, lead, rest = "", exp] = m;
  const digits = lead + rest;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + "0".repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** .NET style: UTC, no offset, milliseconds only when there are any. */
export function netDateTime(value: Date): string {
  return value.toISOString().replace("Z", "").replace(/\.000$/, "");
}

/** Parses xs:dateTime; a value without an offset is UTC, as Finago treats it. */
export function parseWireDate(text: string): Date | undefined {
  const t = text.trim();
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(t) || !/T/.test(t) ? t : `${t}Z`;
  const date = new Date(withZone);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export class Wire {
  constructor(private readonly schema: SandboxSchema) {}

  /** Member names typed xs:decimal or xs:double anywhere in the schema. */
  decimalMemberNames(): string[] {
    const names = new Set<string>();
    for (const members of [...this.schema.complexTypes.values(), ...this.schema.elements.values()]) {
      for (const m of members) if (m.type === "decimal" || m.type === "double") names.add(m.name);
    }
    return [...names];
  }

  isScalar(type: string): boolean {
    return SCALARS.has(type) || this.schema.enumerations.has(type);
  }

  /** The item member of an ArrayOfX type. */
  arrayItem(type: string): SchemaMember | undefined {
    const members = this.schema.complexTypes.get(type);
    return members && members.length === 1 && members[0].repeated ? members[0] : undefined;
  }

  formatScalar(type: string, value: unknown): string {
    if (type === "dateTime") return value instanceof Date ? netDateTime(value) : String(value);
    if (type === "boolean") return value ? "true" : "false";
    if (typeof value === "number") return fixedPoint(value);
    return String(value);
  }

  /**
   * A record as the soap server should write it: members in WSDL order, only `requested` ones
   * when given (unset requested members get their WSDL default, i.e. Finago's sentinels).
   */
  toWire(
    type: string, value: SandboxRecord,
    options: { requested?: (type: string) => ReadonlySet<string> | undefined; quirks: boolean },
  ): SandboxRecord {
    const members = this.schema.complexTypes.get(type) ?? [];
    const requested = options.requested?.(type);
    const out: SandboxRecord = {};
    for (const m of members) {
      // Members the schema requires (minOccurs=1, e.g. IncludeVAT) are always written.
      if (requested && !requested.has(m.name) && m.minOccurs < 1) continue;
      const v = requested && !requested.has(m.name) ? undefined : value[m.name];
      if (v === undefined || v === null) {
        if (this.isScalar(m.type)) {
          if (requested && m.default !== undefined) out[m.name] = m.default;
          else if (m.minOccurs >= 1 && m.nillable) out[m.name] = null;
        } else if ((options.quirks && NIL_CONTAINERS.has(type)) || (m.minOccurs >= 1 && m.nillable)) {
          out[m.name] = null;
        }
        continue;
      }
      out[m.name] = this.memberToWire(m.type, v, options);
    }
    if (options.quirks && out.APIException !== undefined) {
      // Real responses put APIException first in an item, outside the declared order.
      const { APIException, ...rest } = out;
      return { APIException, ...rest };
    }
    return out;
  }

  private memberToWire(
    type: string, v: unknown,
    options: { requested?: (type: string) => ReadonlySet<string> | undefined; quirks: boolean },
  ): unknown {
    if (this.isScalar(type)) return this.formatScalar(type, v);
    const item = this.arrayItem(type);
    if (item) {
      const values = Array.isArray(v) ? v : [v];
      return { [item.name]: values.map((x) => this.memberToWire(item.type, x, options)) };
    }
    return this.toWire(type, v as SandboxRecord, options);
  }

  /** Validates admin JSON against a WSDL type and converts dates and numbers. */
  fromJson(type: string, json: unknown, path = type): SandboxRecord {
    if (typeof json !== "object" || json === null || Array.isArray(json)) throw new WireError(`${path}: expected an object`);
    const members = new Map((this.schema.complexTypes.get(type) ?? []).map((m) => [m.name, m]));
    const out: SandboxRecord = {};
    for (const [key, value] of Object.entries(json)) {
      const m = members.get(key);
      if (!m) throw new WireError(`${path}.${key}: not a member of ${type}`);
      if (value === null || value === undefined) continue;
      out[key] = this.memberFromJson(m.type, value, `${path}.${key}`);
    }
    return out;
  }

  private memberFromJson(type: string, value: unknown, path: string): unknown {
    const enumeration = this.schema.enumerations.get(type);
    if (enumeration) {
      if (typeof value !== "string" || !enumeration.includes(value)) throw new WireError(`${path}: not one of ${type}`);
      return value;
    }
    switch (type) {
      case "int": case "long": case "short":
        if (!Number.isInteger(value)) throw new WireError(`${path}: expected an integer`);
        return value;
      case "decimal": case "double": case "float": {
        const n = typeof value === "string" ? Number(value) : value;
        if (typeof n !== "number" || !Number.isFinite(n)) throw new WireError(`${path}: expected a number`);
        return n;
      }
      case "boolean":
        if (typeof value !== "boolean") throw new WireError(`${path}: expected a boolean`);
        return value;
      case "dateTime": {
        const d = typeof value === "string" ? parseWireDate(value) : undefined;
        if (!d) throw new WireError(`${path}: expected an ISO date-time string`);
        return d;
      }
      case "string": case "guid":
        if (typeof value !== "string") throw new WireError(`${path}: expected a string`);
        return value;
    }
    const item = this.arrayItem(type);
    if (item) {
      if (!Array.isArray(value)) throw new WireError(`${path}: expected an array`);
      return value.map((x, i) => this.memberFromJson(item.type, x, `${path}[${i}]`));
    }
    return this.fromJson(type, value, path);
  }
}

/** Records go out as JSON with dates as ISO strings (UTC). */
export function recordToJson(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(recordToJson);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, recordToJson(v)]));
  }
  return value;
}
