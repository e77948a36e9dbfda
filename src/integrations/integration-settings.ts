// Per-integration settings: the product description's "default settings and
// considerations", plus what the bridge adds (stock source, notifications, extra fields).
import { Type, type Static } from "typebox";
import { ORDER_SLIP_STATES, type OrderSlipState } from "../finago/finago-types.js";
import { explainExtraFieldMappingProblem } from "../sync/extra-fields.js";

export const PROCESS_NAMES = ["articles", "orders", "shipments", "suppliers", "stock"] as const;
export type ProcessName = (typeof PROCESS_NAMES)[number];

export const OrderSlipStateSchema = Type.Unsafe<OrderSlipState>({
  type: "string",
  enum: [...ORDER_SLIP_STATES],
  description: "A Finago OrderSlipStateType value, spelled as in the WSDL",
});

export const ProcessSwitchesSchema = Type.Object(
  {
    articles: Type.Boolean({ description: "Article registry, Finago → Ongoing" }),
    orders: Type.Boolean({ description: "Sales orders, Finago → Ongoing" }),
    shipments: Type.Boolean({ description: "Shipped status, Ongoing → Finago" }),
    statusOnImport: Type.Boolean({ description: "Set the Finago order status when the order reaches Ongoing" }),
    suppliers: Type.Boolean({ description: "Supplier registry, Finago → Ongoing" }),
    stock: Type.Boolean({ description: "Stock balance, Ongoing → Finago" }),
  },
  { additionalProperties: false },
);

export const SettingsSchema = Type.Object(
  {
    processes: ProcessSwitchesSchema,
    intervalMinutes: Type.Integer({ minimum: 1, maximum: 1440, description: "Synchronisation interval" }),
    importOrderStates: Type.Array(OrderSlipStateSchema, { minItems: 1, uniqueItems: true }),
    shippedStatus: OrderSlipStateSchema,
    shippedOngoingStatuses: Type.Array(Type.Integer({ minimum: 0 }), { minItems: 1, uniqueItems: true }),
    importStatus: Type.Union([OrderSlipStateSchema, Type.Null()], {
      description: "Finago status set when an order reaches Ongoing; required when processes.statusOnImport is on",
    }),
    articleVariants: Type.Object(
      {
        enabled: Type.Boolean(),
        pattern: Type.Union([Type.String({ minLength: 1, maxLength: 500 }), Type.Null()], {
          description: "Regular expression on Product.No with named groups base, color and size",
        }),
      },
      { additionalProperties: false },
    ),
    stockQuantity: Type.Union([Type.Literal("sellable"), Type.Literal("physical")], {
      description: "Which Ongoing quantity is written to Finago",
    }),
    consigneeNotifications: Type.Boolean({
      description: "Let Ongoing notify the consignee by e-mail and SMS (off: contact details travel, no messages are sent)",
    }),
    defaultDeliveryDays: Type.Integer({
      minimum: 0,
      maximum: 365,
      description: "When a Finago order has no delivery date: the import date plus this many days",
    }),
    extraFieldMappings: Type.Array(
      Type.Object(
        { source: Type.String({ minLength: 1 }), target: Type.String({ minLength: 1 }) },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);
export type IntegrationSettings = Static<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: IntegrationSettings = {
  processes: { articles: true, orders: true, shipments: true, statusOnImport: false, suppliers: false, stock: true },
  intervalMinutes: 15,
  importOrderStates: ["Confirmed"],
  shippedStatus: "OrderState_Sent",
  shippedOngoingStatuses: [450, 500],
  importStatus: null,
  articleVariants: { enabled: false, pattern: null },
  stockQuantity: "sellable",
  consigneeNotifications: false,
  defaultDeliveryDays: 0,
  extraFieldMappings: [],
};

/** A partial settings object as the admin API accepts it: every member optional, one level deep. */
export const SettingsPatchSchema = Type.Partial(
  Type.Object({
    ...SettingsSchema.properties,
    processes: Type.Partial(ProcessSwitchesSchema, { additionalProperties: false }),
    articleVariants: Type.Partial(SettingsSchema.properties.articleVariants, { additionalProperties: false }),
  }),
  { additionalProperties: false },
);
export type SettingsPatch = Static<typeof SettingsPatchSchema>;

export function mergeSettings(base: IntegrationSettings, patch: SettingsPatch = {}): IntegrationSettings {
  return {
    ...base,
    ...patch,
    processes: { ...base.processes, ...patch.processes },
    articleVariants: { ...base.articleVariants, ...patch.articleVariants },
  } as IntegrationSettings;
}

export interface SettingsProblem { field: string; message: string }

/** Checks that go beyond the schema: cross-field rules, the variant pattern and extra fields. */
export function findSettingsProblems(settings: IntegrationSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  if (settings.processes.statusOnImport && !settings.importStatus) {
    problems.push({ field: "settings.importStatus", message: "is required when processes.statusOnImport is on" });
  }
  const { enabled, pattern } = settings.articleVariants;
  if (pattern !== null) {
    const problem = explainVariantPatternProblem(pattern);
    if (problem) problems.push({ field: "settings.articleVariants.pattern", message: problem });
  } else if (enabled) {
    problems.push({ field: "settings.articleVariants.pattern", message: "is required when article variants are on" });
  }
  settings.extraFieldMappings.forEach((mapping, i) => {
    const problem = explainExtraFieldMappingProblem(mapping);
    if (problem) problems.push({ field: `settings.extraFieldMappings/${i}`, message: problem });
  });
  return problems;
}

function explainVariantPatternProblem(pattern: string): string | undefined {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern);
  } catch (err) {
    return `is not a valid regular expression: ${(err as Error).message}`;
  }
  const groups = new RegExp(`${regex.source}|`).exec("")?.groups ?? {};
  const missing = ["base", "color", "size"].filter((g) => !(g in groups));
  return missing.length ? `needs the named groups base, color and size (missing: ${missing.join(", ")})` : undefined;
}
