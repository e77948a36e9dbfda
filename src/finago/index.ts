// Public surface of the Finago connector.
export * from "./finago-connector.js";
export * from "./finago-errors.js";
export { createMemorySessionStore, type FinagoCredentials, type FinagoSessionStore } from "./finago-session.js";
export { parseQuarantineEnd, type FinagoCallCounts, type FinagoLogger, type FinagoRetryOptions } from "./finago-soap.js";
export { formatDateTime, formatDecimal } from "./finago-values.js";
