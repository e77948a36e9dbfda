import t from "tap";
import { formatDateTime, formatDecimal, readDateTime, readDecimal, readInt, readShort } from "../../src/finago/finago-values.js";
import { parseQuarantineEnd } from "../../src/finago/finago-soap.js";

t.test("sentinels read as no value", async (t) => {
  t.equal(readInt("-2147483648"), undefined);
  t.equal(readInt("42"), 42);
  t.equal(readShort("-32768"), undefined);
  t.equal(readDecimal("-79228162514264337593543950335"), undefined);
  t.equal(readDecimal("-1.7976931348623157E+308"), undefined);
  t.equal(readDecimal("12.50"), 12.5);
  t.equal(readDecimal("-3"), -3);
  t.equal(readDateTime("0001-01-01T00:00:00"), undefined);
});

t.test("times without an offset are UTC", async (t) => {
  t.equal(readDateTime("2025-03-01T10:20:30")?.toISOString(), "2025-03-01T10:20:30.000Z");
  t.equal(readDateTime("2025-03-01T10:20:30.25")?.toISOString(), "2025-03-01T10:20:30.250Z");
  t.equal(readDateTime("2025-03-01T12:20:30+02:00")?.toISOString(), "2025-03-01T10:20:30.000Z");
  t.equal(readDateTime("not a date"), undefined);
});

t.test("decimals are written in fixed point, times in UTC with an offset", async (t) => {
  t.equal(formatDecimal(1e-7), "0.0000001");
  t.equal(formatDecimal(-2.5e-8), "-0.000000025");
  t.equal(formatDecimal(1.5e21), "1500000000000000000000");
  t.equal(formatDecimal(12.75), "12.75");
  t.notMatch(formatDecimal(123456789e-15), /e/i);
  t.throws(() => formatDecimal(Number.NaN));
  t.equal(formatDateTime(new Date("2025-01-02T03:04:05+01:00")), "2025-01-02T02:04:05.000Z");
});

t.test("quarantine end is parsed from the quota fault", async (t) => {
  const now = new Date("2025-05-05T10:15:00Z");
  t.equal(parseQuarantineEnd("Limit exceeded by 3. Request is blocked. Quarantine ends at 2025-05-05T11:00:00Z", now).toISOString(),
    "2025-05-05T11:00:00.000Z");
  t.equal(parseQuarantineEnd("Limit exceeded by 1. Request is blocked. Quarantine ends at 05.05.2025 11:00:00", now).toISOString(),
    "2025-05-05T11:00:00.000Z");
  t.equal(parseQuarantineEnd("Limit exceeded by 1. Request is blocked. Quarantine ends at XXX-XX-XX", now).toISOString(),
    "2025-05-05T11:00:00.000Z", "unreadable → the next full hour");
});
