// stockReadPlan: a delta through stockInfoChangedFrom while Ongoing still accepts it (24 hours),
// a full sweep otherwise, on a full resync, on the first run, and at least every 6 hours.
import t from "tap";
import { FULL_SWEEP_EVERY_MS, STOCK_DELTA_WINDOW_MS, stockReadPlan } from "../../../src/sync/stock/stock-slice.js";
import { CURSOR_OVERLAP_MS } from "../../../src/sync/slice-types.js";

const HOUR = 60 * 60 * 1000;
const NOW = new Date("2025-03-10T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);

t.test("a recent cursor and a recent full sweep read a delta, overlapping the cursor", async (t) => {
  const plan = stockReadPlan(ago(HOUR), ago(HOUR), NOW, false);
  t.same(plan, { mode: "delta", from: ago(HOUR + CURSOR_OVERLAP_MS) });
});

t.test("the first run, with no cursor or no full sweep yet, is a full sweep", async (t) => {
  t.same(stockReadPlan(null, null, NOW, false), { mode: "full" });
  t.same(stockReadPlan(undefined, ago(HOUR), NOW, false), { mode: "full" });
  t.same(stockReadPlan(ago(HOUR), null, NOW, false), { mode: "full" });
});

t.test("a full resync is a full sweep whatever the cursor", async (t) => {
  t.same(stockReadPlan(ago(60_000), ago(60_000), NOW, true), { mode: "full" });
});

t.test("the switch at 24 hours: a delta while Ongoing accepts stockInfoChangedFrom, a full sweep after", async (t) => {
  const sweptRecently = ago(HOUR);
  t.equal(stockReadPlan(ago(23 * HOUR), sweptRecently, NOW, false).mode, "delta", "23 hours old: delta");
  t.equal(stockReadPlan(ago(25 * HOUR), sweptRecently, NOW, false).mode, "full", "25 hours old: full sweep");
  // The delta's start (cursor minus the overlap) must stay inside the window, with its margin.
  const lastDelta = ago(STOCK_DELTA_WINDOW_MS - CURSOR_OVERLAP_MS);
  const plan = stockReadPlan(lastDelta, sweptRecently, NOW, false);
  t.equal(plan.mode, "delta", "exactly at the window: still a delta");
  if (plan.mode === "delta") t.ok(NOW.getTime() - plan.from.getTime() < 24 * HOUR, "its start is within Ongoing's 24 hours");
  t.equal(stockReadPlan(new Date(lastDelta.getTime() - 1), sweptRecently, NOW, false).mode, "full", "a millisecond older: full sweep");
  t.ok(STOCK_DELTA_WINDOW_MS + CURSOR_OVERLAP_MS <= 24 * HOUR, "no delta start can be older than Ongoing accepts");
});

t.test("at least every 6 hours a full sweep, however fresh the cursor", async (t) => {
  t.equal(FULL_SWEEP_EVERY_MS, 6 * HOUR);
  t.equal(stockReadPlan(ago(60_000), ago(6 * HOUR - 1), NOW, false).mode, "delta", "swept just under 6 hours ago");
  t.equal(stockReadPlan(ago(60_000), ago(6 * HOUR), NOW, false).mode, "full", "swept 6 hours ago");
  t.equal(stockReadPlan(ago(60_000), ago(7 * HOUR), NOW, false).mode, "full", "swept 7 hours ago");
});
