// Which further Finago properties to ask for, so the operator's extra field mappings have values.
import type { IntegrationSettings } from "../integrations/integration-settings.js";

export interface ExtraProperties {
  product: string[];
  invoice: string[];
  row: string[];
}

/** "InvoiceRow.Price" asks for the row property Price; "InvoiceOrder.Currency.Symbol" for Currency. */
export function extraPropertiesFor(settings: Pick<IntegrationSettings, "extraFieldMappings">): ExtraProperties {
  const wanted: ExtraProperties = { product: [], invoice: [], row: [] };
  const bucket = { Product: wanted.product, InvoiceOrder: wanted.invoice, InvoiceRow: wanted.row } as const;
  for (const { source } of settings.extraFieldMappings) {
    const [type, property] = source.split(".");
    const list = bucket[type as keyof typeof bucket];
    if (list && property && !list.includes(property)) list.push(property);
  }
  return wanted;
}
