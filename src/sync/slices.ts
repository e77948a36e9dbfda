// Which slice runs which process.
import { syncArticles } from "./articles/article-slice.js";
import { syncOrders } from "./orders/order-slice.js";
import { syncShipments } from "./shipments/shipment-slice.js";
import type { SliceRegistry } from "./slice-types.js";
import { syncStock } from "./stock/stock-slice.js";
import { syncSuppliers } from "./suppliers/supplier-slice.js";

export const SLICES: SliceRegistry = {
  articles: syncArticles,
  orders: syncOrders,
  shipments: syncShipments,
  suppliers: syncSuppliers,
  stock: syncStock,
};
