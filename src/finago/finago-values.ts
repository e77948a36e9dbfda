// Value conversions between Finago's wire format and JavaScript. Finago marks "no value" with
// .NET's minimum values (and 0001-01-01 for dates) rather than leaving elements out, so those
// sentinels read as undefined. What we send must be plain xs:decimal and xs:dateTime text.

const INT_MIN = -2147483648;
const SHORT_MIN = -32768;
/** .NET decimal.MinValue; as a double it rounds, so compare with a threshold below any real amount. */
const DECIMAL_MIN_AS_NUMBER = -79228162514264337593543950335;
/** .NET double.MinValue */
const DOUBLE_MIN = -1.7976931348623157e308;

export function readInt(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const value = Number(text.trim());
  if (!Number.isInteger(value) || value === INT_MIN) return undefined;
  return value;
}

export function readShort(text: string | undefined): number | undefined {
  const value = readInt(text);
  return value === SHORT_MIN ? undefined : value;
}

export function readDecimal(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const value = Number(text.trim());
  if (!Number.isFinite(value)) return undefined;
  if (value <= DECIMAL_MIN_AS_NUMBER * 0.999999 || value === DOUBLE_MIN) return undefined;
  return value;
}

export function readBoolean(text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  const t = text.trim().toLowerCase();
  if (t === "true" || t === "1") return true;
  if (t === "false" || t === "0") return false;
  return undefined;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** xs:dateTime to Date. Finago returns UTC, often without an offset, so a bare time is read as UTC. */
export function readDateTime(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const m = DATE_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = "00", mi = "00", s = "00", frac = "", zone] = m;
  if (y === "0001") return undefined;
  const ms = frac ? Math.round(Number(`0${frac}`) * 1000) : 0;
  let time = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (zone && zone.toUpperCase() !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    time -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function readString(text: string | undefined): string | undefined {
  return text === undefined || text === "" ? undefined : text;
}

/** A number as xs:decimal text: fixed point, never an exponent ("1E-07" is not a decimal). */
export function formatDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
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

/** A Date as xs:dateTime in UTC with an explicit offset. */
export function formatDateTime(value: Date): string {
  if (Number.isNaN(value.getTime())) throw new RangeError("invalid date");
  return value.toISOString();
}
