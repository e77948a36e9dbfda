import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import type { AppDeps } from "../../src/app.js";
import { bearerGuard } from "../../src/http/auth.js";
import { adminSecurity, errorResponses } from "../../src/http/schemas.js";
import {
  CreateIntegrationBody, CreatedIntegrationView, IntegrationIdParams, IntegrationView, UpdateIntegrationBody,
} from "../../src/integrations/integration-types.js";

const integrationRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  app.addHook("onRequest", bearerGuard(deps.adminToken));
  const tags = ["integrations"];

  app.post("/integrations", {
    schema: {
      tags, security: adminSecurity,
      summary: "Create an integration",
      description: "Returns the webhook URL and the webhook secret; the secret is shown only here.",
      body: CreateIntegrationBody,
      response: { 201: CreatedIntegrationView, ...errorResponses(400, 401, 409) },
    },
  }, async (request, reply) => reply.code(201).send(await deps.integrations.create(request.body)));

  app.get("/integrations", {
    schema: {
      tags, security: adminSecurity, summary: "List integrations",
      response: { 200: Type.Array(IntegrationView), ...errorResponses(401) },
    },
  }, async () => deps.integrations.list());

  app.get("/integrations/:id", {
    schema: {
      tags, security: adminSecurity, summary: "Read an integration (credentials are never returned)",
      params: IntegrationIdParams,
      response: { 200: IntegrationView, ...errorResponses(400, 401, 404) },
    },
  }, async (request) => deps.integrations.get(request.params.id));

  app.patch("/integrations/:id", {
    schema: {
      tags, security: adminSecurity,
      summary: "Update an integration",
      description: "Only the members given change; settings merge into the current ones. Changing Finago credentials forgets the stored Finago session.",
      params: IntegrationIdParams,
      body: UpdateIntegrationBody,
      response: { 200: IntegrationView, ...errorResponses(400, 401, 404, 409) },
    },
  }, async (request) => deps.integrations.update(request.params.id, request.body));

  app.delete("/integrations/:id", {
    schema: {
      tags, security: adminSecurity, summary: "Delete an integration and everything recorded for it",
      params: IntegrationIdParams,
      response: { 204: Type.Null({ description: "Deleted" }), ...errorResponses(400, 401, 404) },
    },
  }, async (request, reply) => {
    await deps.integrations.remove(request.params.id);
    return reply.code(204).send(null);
  });

  app.post("/integrations/:id/test-connection", {
    schema: {
      tags, security: adminSecurity,
      summary: "Check the integration's credentials against Finago and Ongoing",
      description: "Logs in to Finago (reusing a valid session) and reads the warehouse's order statuses from Ongoing; lists shipped statuses the settings name that this warehouse does not have.",
      params: IntegrationIdParams,
      response: {
        200: Type.Object({
          finago: Type.Object({ ok: Type.Boolean(), error: Type.Optional(Type.String()) }),
          ongoing: Type.Object({
            ok: Type.Boolean(),
            error: Type.Optional(Type.String()),
            orderStatuses: Type.Optional(Type.Array(Type.Object({ number: Type.Integer(), text: Type.Union([Type.String(), Type.Null()]) }))),
            unknownShippedStatuses: Type.Optional(Type.Array(Type.Integer())),
          }),
        }),
        ...errorResponses(400, 401, 404),
      },
    },
  }, async (request) => deps.checkConnections(request.params.id));

  app.post("/integrations/:id/webhook-secret", {
    schema: {
      tags, security: adminSecurity,
      summary: "Issue a new webhook secret (the old one stops working at once)",
      params: IntegrationIdParams,
      response: {
        200: Type.Object({ webhookUrl: Type.String(), webhookSecret: Type.String() }),
        ...errorResponses(400, 401, 404),
      },
    },
  }, async (request) => deps.integrations.rotateWebhookSecret(request.params.id));
};
export default integrationRoutes;
