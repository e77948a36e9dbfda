// Builds the Fastify application: external plugins, then app plugins, then routes. No listen.
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyBaseLogger } from "fastify";
import healthRoutes from "../routes/health.js";
import integrationRoutes from "../routes/api/integrations.js";
import runRoutes from "../routes/api/runs.js";
import cronRoutes from "../routes/cron.js";
import webhookRoutes from "../routes/webhooks/ongoing.js";
import { errorHandler } from "./http/error-handler.js";
import { ErrorResponse } from "./http/schemas.js";
import type { ConnectionReport } from "./integrations/connection-check.js";
import type { IntegrationService } from "./integrations/integration-service.js";
import type { LedgerService } from "./ledger/ledger-service.js";
import type { RunService } from "./sync/run-service.js";
import type { WebhookService } from "./webhooks/webhook-service.js";

export interface AppDeps {
  adminToken: string;
  cronToken: string;
  webhookBodyLimit: number;
  integrations: IntegrationService;
  runs: Pick<RunService, "requestRun" | "tick">;
  ledger: LedgerService;
  webhooks: WebhookService;
  readiness: () => Promise<{ ready: boolean; checks: Record<string, string> }>;
  checkConnections: (integrationId: string) => Promise<ConnectionReport>;
}

export const API_VERSION = "0.1.0";

export async function buildApp(deps: AppDeps, options: { logger?: FastifyBaseLogger } = {}) {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    ajv: { customOptions: { allErrors: false, removeAdditional: false, coerceTypes: "array", useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addSchema(ErrorResponse);
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "Ongoing WMS ⇄ Finago Office bridge",
        description:
          "Synchronises articles, sales orders, shipped status, suppliers and stock between Ongoing WMS and Finago Office, for many goods owners in one deployment.",
        version: API_VERSION,
      },
      tags: [
        { name: "health", description: "Liveness and readiness" },
        { name: "integrations", description: "The integration registry: one Ongoing goods owner ⇄ one Finago client" },
        { name: "webhooks", description: "Events from Ongoing WMS" },
        { name: "sync", description: "Triggers: cron tick and operator resync" },
        { name: "runs", description: "The run ledger: what happened and why" },
      ],
      components: {
        securitySchemes: {
          adminToken: { type: "http", scheme: "bearer", description: "ADMIN_TOKEN" },
          cronToken: { type: "http", scheme: "bearer", description: "CRON_TOKEN" },
          webhookToken: { type: "apiKey", in: "header", name: "X-Auth-Token", description: "The integration's webhook secret" },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _base, _frag, i) => (json.$id as string) ?? `def-${i}` },
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });

  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ statusCode: 404, error: "Not Found", message: `no route ${request.method} ${request.url}` }),
  );

  await app.register(healthRoutes, { deps });
  await app.register(integrationRoutes, { prefix: "/api", deps });
  await app.register(runRoutes, { prefix: "/api", deps });
  await app.register(cronRoutes, { deps });
  await app.register(webhookRoutes, { deps });
  return app;
}
export type App = Awaited<ReturnType<typeof buildApp>>;
