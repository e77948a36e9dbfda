// "Test connection" for onboarding: can the bridge log in to Finago and reach the goods owner in
// Ongoing, and does this warehouse know the statuses the settings count as shipped?
import type { ConnectorRegistry } from "../sync/connectors.js";
import { classifyError } from "../sync/classify-error.js";
import type { ResolvedIntegration } from "./integration-service.js";

export interface ConnectionReport {
  finago: { ok: boolean; error?: string };
  ongoing: { ok: boolean; error?: string; orderStatuses?: Array<{ number: number; text: string | null }>; unknownShippedStatuses?: number[] };
}

export async function checkConnections(integration: ResolvedIntegration, connectors: Pick<ConnectorRegistry, "for">): Promise<ConnectionReport> {
  const { finago, ongoing } = connectors.for(integration, "connection-check");
  const describe = (err: unknown) => {
    const failure = classifyError(err);
    return `${failure.errorClass}: ${failure.message}`;
  };
  const report: ConnectionReport = { finago: { ok: false }, ongoing: { ok: false } };
  try {
    finago.beginRun();
    // The cheapest call that needs a valid session: no order was registered after now.
    await finago.getOrderSyncList({ registeredAfter: new Date() });
    report.finago = { ok: true };
  } catch (err) {
    report.finago = { ok: false, error: describe(err) };
  }
  try {
    const statuses = await ongoing.getOrderStatuses();
    const known = new Set(statuses.map((s) => s.number));
    report.ongoing = {
      ok: true,
      orderStatuses: statuses.map((s) => ({ number: s.number, text: s.text ?? null })),
      unknownShippedStatuses: integration.settings.shippedOngoingStatuses.filter((n) => !known.has(n)),
    };
  } catch (err) {
    report.ongoing = { ok: false, error: describe(err) };
  }
  return report;
}
