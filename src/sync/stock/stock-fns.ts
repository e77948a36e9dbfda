// Stock balance, Ongoing → Finago: which quantity to write, and whether to write it at all.
import type { InventoryInfo } from "../../ongoing/ongoing-types.js";
import type { IntegrationSettings } from "../../integrations/integration-settings.js";

export type StockQuantitySource = IntegrationSettings["stockQuantity"];

export type StockDecision =
  | { action: "write"; quantity: number }
  | { action: "unchanged"; quantity: number }
  | { action: "failed"; reason: string };

export interface StockComparison {
  /** GetArticleModel.inventoryInfo as Ongoing returned it (null and missing members included). */
  ongoing: InventoryInfo | null | undefined;
  /** Product.Stock in Finago; undefined when Finago did not report it. */
  finagoQuantity: number | undefined;
  source: StockQuantitySource;
}

/** The Ongoing member each setting reads: what can be sold now, or what is physically on the shelves. */
export const ONGOING_QUANTITY_MEMBER = {
  sellable: "sellableNumberOfItems",
  physical: "numberOfItems",
} as const satisfies Record<StockQuantitySource, keyof InventoryInfo>;

// Finago stores decimals and Ongoing returns JSON numbers; differences below this are rounding, not stock.
const EPSILON = 1e-6;

/**
 * Decides the SetStockQuantity call for one article. A quantity Ongoing does not report is never
 * taken as zero: writing zero would mark stock as sold out in Finago, so the item fails instead.
 * When Finago's quantity is unknown the write goes ahead, as the two cannot be shown to agree.
 */
export function decideStockWrite({ ongoing, finagoQuantity, source }: StockComparison): StockDecision {
  const member = ONGOING_QUANTITY_MEMBER[source];
  const quantity: unknown = ongoing?.[member];
  if (typeof quantity !== "number" || !Number.isFinite(quantity)) {
    const reported = ongoing == null ? "no inventoryInfo" : `${member} ${quantity === undefined ? "missing" : JSON.stringify(quantity)}`;
    return { action: "failed", reason: `Ongoing does not report the ${source} quantity (${reported}); not writing it to Finago as zero` };
  }
  if (typeof finagoQuantity === "number" && Number.isFinite(finagoQuantity) && Math.abs(finagoQuantity - quantity) < EPSILON) {
    return { action: "unchanged", quantity };
  }
  return { action: "write", quantity };
}
