// Builds (and keeps) the two connectors of an integration. The Finago session lives sealed in
// finago_sessions, so it survives runs and restarts and Finago is not asked to log in again.
import { eq } from "drizzle-orm";
import type { BridgeDb } from "../db/database.js";
import { finagoSessions } from "../db/schema.js";
import { createFinagoConnector, type FinagoConnector, type FinagoRetryOptions } from "../finago/index.js";
import type { ResolvedIntegration } from "../integrations/integration-service.js";
import type { SecretBox } from "../integrations/secret-box.js";
import { createOngoingClient, type OngoingClient } from "../ongoing/ongoing-client.js";
import type { RetryOptions as OngoingRetryOptions } from "../ongoing/retry-policy.js";

export interface Connectors {
  finago: FinagoConnector;
  ongoing: OngoingClient;
}

export interface ConnectorOptions {
  finagoRetry?: Partial<FinagoRetryOptions>;
  ongoingRetry?: Partial<OngoingRetryOptions>;
  timeoutMs?: number;
  logger?: { info?(o: object, m?: string): void; warn?(o: object, m?: string): void };
}

export function createConnectorRegistry(db: BridgeDb, secretBox: SecretBox, options: ConnectorOptions = {}) {
  const cache = new Map<string, { fingerprint: string; connectors: Connectors }>();

  function sessionStore(integrationId: string) {
    return {
      async load() {
        const [row] = await db.select().from(finagoSessions).where(eq(finagoSessions.integrationId, integrationId));
        return row ? secretBox.open<string>(row.sessionSealed) : undefined;
      },
      async save(sessionId: string) {
        const sessionSealed = secretBox.seal(sessionId);
        await db
          .insert(finagoSessions)
          .values({ integrationId, sessionSealed })
          .onConflictDoUpdate({ target: finagoSessions.integrationId, set: { sessionSealed, createdAt: new Date() } });
      },
    };
  }

  return {
    /**
     * The same connectors for as long as the integration's connection details are unchanged. Each
     * process has its own pair, so the calls a run reports are its own even while the
     * integration's other processes run beside it.
     */
    for(integration: ResolvedIntegration, process: string): Connectors {
      const fingerprint = JSON.stringify([integration.finagoBaseUrl, integration.ongoingBaseUrl, integration.goodsOwnerId, integration.credentials]);
      const cacheKey = `${integration.id}:${process}`;
      const cached = cache.get(cacheKey);
      if (cached?.fingerprint === fingerprint) return cached.connectors;
      if (cached) void cached.connectors.ongoing.close();
      const connectors: Connectors = {
        finago: createFinagoConnector({
          baseUrl: integration.finagoBaseUrl,
          credentials: integration.credentials.finago,
          sessionStore: sessionStore(integration.id),
          retry: options.finagoRetry,
          timeoutMs: options.timeoutMs,
          logger: options.logger,
        }),
        ongoing: createOngoingClient({
          baseUrl: integration.ongoingBaseUrl,
          username: integration.credentials.ongoing.username,
          password: integration.credentials.ongoing.password,
          goodsOwnerId: integration.goodsOwnerId,
          retry: options.ongoingRetry,
          timeoutMs: options.timeoutMs,
        }),
      };
      cache.set(cacheKey, { fingerprint, connectors });
      return connectors;
    },
    async close() {
      await Promise.all([...cache.values()].map((c) => c.connectors.ongoing.close()));
      cache.clear();
    },
  };
}
export type ConnectorRegistry = ReturnType<typeof createConnectorRegistry>;
