import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import type { AppDeps } from "../../src/app.js";
import { errorResponses } from "../../src/http/schemas.js";

const webhookRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  app.post("/webhooks/ongoing/:integrationId", {
    bodyLimit: deps.webhookBodyLimit,
    schema: {
      tags: ["webhooks"],
      summary: "Receive an Ongoing WMS webhook",
      description:
        "Configure this URL in Ongoing (Administration ⇒ Webhooks) with the header X-Auth-Token set to the integration's webhook secret. " +
        "Accepted: order (status changed, picked, created), inventory, inbound-and-move, picking and article webhooks. " +
        "The event is committed to the inbox before the answer; a redelivery is acknowledged without a second effect.",
      security: [{ webhookToken: [] }],
      params: Type.Object({ integrationId: Type.String({ description: "The integration's id" }) }),
      body: Type.Unknown({ description: "Ongoing's webhook payload (JSON)" }),
      response: {
        200: Type.Object({ status: Type.Literal("duplicate"), eventId: Type.Integer(), kind: Type.String() }, { description: "Already stored; nothing more happens" }),
        202: Type.Object({ status: Type.Literal("accepted"), eventId: Type.Integer(), kind: Type.String() }, { description: "Stored and queued" }),
        ...errorResponses(400, 401, 413, 500, 503),
      },
    },
    // Authenticate before the body is parsed, so a stranger learns nothing about our validation.
    onRequest: async (request) => {
      const { integrationId } = request.params as { integrationId: string };
      const token = request.headers["x-auth-token"];
      await deps.webhooks.authenticate(integrationId, typeof token === "string" ? token : undefined);
    },
  }, async (request, reply) => {
    const result = await deps.webhooks.receive(request.params.integrationId, request.body);
    return result.duplicate
      ? reply.code(200).send({ status: "duplicate" as const, eventId: result.eventId, kind: result.kind })
      : reply.code(202).send({ status: "accepted" as const, eventId: result.eventId, kind: result.kind });
  });
};
export default webhookRoutes;
