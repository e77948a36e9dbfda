import t from "tap";
import { decideStockWrite } from "../../../src/sync/stock/stock-fns.js";

t.test("sellable quantity (the default) differs from Finago: write it", async (t) => {
  t.strictSame(
    decideStockWrite({ ongoing: { numberOfItems: 12, sellableNumberOfItems: 9 }, finagoQuantity: 4, source: "sellable" }),
    { action: "write", quantity: 9 },
  );
});

t.test("physical quantity when the setting says so", async (t) => {
  t.strictSame(
    decideStockWrite({ ongoing: { numberOfItems: 12, sellableNumberOfItems: 9 }, finagoQuantity: 4, source: "physical" }),
    { action: "write", quantity: 12 },
  );
});

t.test("equal quantities: unchanged, nothing written", async (t) => {
  t.strictSame(
    decideStockWrite({ ongoing: { sellableNumberOfItems: 9 }, finagoQuantity: 9, source: "sellable" }),
    { action: "unchanged", quantity: 9 },
  );
  t.strictSame(
    decideStockWrite({ ongoing: { sellableNumberOfItems: 0.3 }, finagoQuantity: 0.1 + 0.2, source: "sellable" }),
    { action: "unchanged", quantity: 0.3 },
    "decimal rounding is not a difference",
  );
  t.strictSame(
    decideStockWrite({ ongoing: { sellableNumberOfItems: 0 }, finagoQuantity: 0, source: "sellable" }),
    { action: "unchanged", quantity: 0 },
  );
});

t.test("a real zero is written", async (t) => {
  t.strictSame(
    decideStockWrite({ ongoing: { sellableNumberOfItems: 0 }, finagoQuantity: 5, source: "sellable" }),
    { action: "write", quantity: 0 },
  );
});

t.test("Finago's quantity unknown: write, as they cannot be shown equal", async (t) => {
  t.strictSame(
    decideStockWrite({ ongoing: { sellableNumberOfItems: 3 }, finagoQuantity: undefined, source: "sellable" }),
    { action: "write", quantity: 3 },
  );
});

t.test("a quantity Ongoing does not report is never written as zero", async (t) => {
  const cases = [
    { name: "sellableNumberOfItems null", ongoing: { numberOfItems: 12, sellableNumberOfItems: null }, source: "sellable" as const },
    { name: "sellableNumberOfItems missing", ongoing: { numberOfItems: 12 }, source: "sellable" as const },
    { name: "numberOfItems null", ongoing: { numberOfItems: null, sellableNumberOfItems: 4 }, source: "physical" as const },
    { name: "numberOfItems missing", ongoing: { sellableNumberOfItems: 4 }, source: "physical" as const },
    { name: "inventoryInfo null", ongoing: null, source: "sellable" as const },
    { name: "inventoryInfo missing", ongoing: undefined, source: "sellable" as const },
    { name: "not a number", ongoing: { sellableNumberOfItems: "7" as unknown as number }, source: "sellable" as const },
  ];
  for (const c of cases) {
    const decision = decideStockWrite({ ongoing: c.ongoing, finagoQuantity: 5, source: c.source });
    t.equal(decision.action, "failed", c.name);
    if (decision.action === "failed") t.match(decision.reason, new RegExp(`${c.source} quantity.*not writing`), `${c.name}: reason says why`);
  }
});
