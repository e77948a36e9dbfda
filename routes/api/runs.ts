import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import type { AppDeps } from "../../src/app.js";
import { ConflictError } from "../../src/errors.js";
import { bearerGuard } from "../../src/http/auth.js";
import {
  DeadLetterView, ProcessParam, ProcessStateView, RunAccepted, RunStatusSchema, RunView, RunWithItems, WebhookEventView,
} from "../../src/http/ledger-schemas.js";
import { adminSecurity, errorResponses } from "../../src/http/schemas.js";
import { IntegrationIdParams } from "../../src/integrations/integration-types.js";
import type { ProcessName } from "../../src/integrations/integration-settings.js";

const runRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  app.addHook("onRequest", bearerGuard(deps.adminToken));
  const security = adminSecurity;

  app.post("/integrations/:id/sync/:process", {
    schema: {
      tags: ["sync"], security,
      summary: "Run one process of one integration now",
      description: "Queues a run and answers with its id; follow it at GET /api/runs/{runId}. `fullResync` ignores the cursor; `dryRun` reports what would be written without writing. A process switched off in the integration's settings is refused (409).",
      params: Type.Object({ id: Type.String({ format: "uuid" }), process: ProcessParam }),
      body: Type.Optional(Type.Object({
        fullResync: Type.Optional(Type.Boolean({ default: false })),
        dryRun: Type.Optional(Type.Boolean({ default: false })),
      }, { additionalProperties: false })),
      response: { 202: RunAccepted, ...errorResponses(400, 401, 404, 409) },
    },
  }, async (request, reply) => {
    const integration = await deps.integrations.get(request.params.id);
    const process = request.params.process as ProcessName;
    if (!integration.settings.processes[process]) {
      throw new ConflictError(`process ${process} is switched off for this integration; switch it on first`, `settings.processes.${process}`);
    }
    const run = await deps.runs.requestRun({
      integrationId: integration.id,
      process,
      trigger: "operator",
      fullResync: request.body?.fullResync ?? false,
      dryRun: request.body?.dryRun ?? false,
    });
    return reply.code(202).send({ runId: run.id });
  });

  app.get("/integrations/:id/sync-state", {
    schema: {
      tags: ["runs"], security,
      summary: "Where each process of an integration stands",
      params: IntegrationIdParams,
      response: { 200: Type.Array(ProcessStateView), ...errorResponses(400, 401, 404) },
    },
  }, async (request) => {
    const integration = await deps.integrations.get(request.params.id);
    return deps.ledger.processStates(integration.id, integration.settings.processes);
  });

  app.get("/runs", {
    schema: {
      tags: ["runs"], security,
      summary: "List runs, newest first",
      querystring: Type.Object({
        integrationId: Type.Optional(Type.String({ format: "uuid" })),
        process: Type.Optional(ProcessParam),
        outcome: Type.Optional(RunStatusSchema),
        before: Type.Optional(Type.String({ format: "date-time", description: "Only runs queued before this time (paging)" })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Array(RunView), ...errorResponses(400, 401) },
    },
  }, async (request) => deps.ledger.listRuns(request.query));

  app.get("/runs/:runId", {
    schema: {
      tags: ["runs"], security,
      summary: "One run with its items",
      params: Type.Object({ runId: Type.String({ format: "uuid" }) }),
      response: { 200: RunWithItems, ...errorResponses(400, 401, 404) },
    },
  }, async (request) => deps.ledger.getRun(request.params.runId));

  app.post("/runs/:runId/items/:itemId/replay", {
    schema: {
      tags: ["runs"], security,
      summary: "Replay a failed item",
      description: "Gives the item a fresh set of attempts (also when dead-lettered) and queues a run of its process for that item alone.",
      params: Type.Object({ runId: Type.String({ format: "uuid" }), itemId: Type.Integer({ minimum: 1 }) }),
      response: { 202: RunAccepted, ...errorResponses(400, 401, 404, 409) },
    },
  }, async (request, reply) => reply.code(202).send(await deps.ledger.replayItem(request.params.runId, request.params.itemId)));

  app.get("/dead-letters", {
    schema: {
      tags: ["runs"], security,
      summary: "Items that kept failing and are no longer retried automatically",
      querystring: Type.Object({
        integrationId: Type.Optional(Type.String({ format: "uuid" })),
        process: Type.Optional(ProcessParam),
      }, { additionalProperties: false }),
      response: { 200: Type.Array(DeadLetterView), ...errorResponses(400, 401) },
    },
  }, async (request) => deps.ledger.listDeadLetters(request.query));

  app.get("/integrations/:id/webhook-events", {
    schema: {
      tags: ["webhooks"], security,
      summary: "Webhook events received for an integration, newest first",
      params: IntegrationIdParams,
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }, { additionalProperties: false }),
      response: { 200: Type.Array(WebhookEventView), ...errorResponses(400, 401, 404) },
    },
  }, async (request) => {
    await deps.integrations.get(request.params.id);
    return deps.webhooks.list(request.params.id, request.query.limit ?? 100);
  });
};
export default runRoutes;
