import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import type { AppDeps } from "../src/app.js";

const Readiness = Type.Object({
  ready: Type.Boolean(),
  checks: Type.Record(Type.String(), Type.String()),
});

const healthRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get("/health/live", {
    schema: {
      tags: ["health"],
      summary: "Liveness: the process answers",
      response: { 200: Type.Object({ status: Type.Literal("ok") }) },
    },
    logLevel: "warn",
  }, async () => ({ status: "ok" as const }));

  app.get("/health/ready", {
    schema: {
      tags: ["health"],
      summary: "Readiness: the database answers and every migration is applied",
      response: { 200: Readiness, 503: { ...Readiness, description: "Database unreachable or migrations missing" } },
    },
    logLevel: "warn",
  }, async (_request, reply) => {
    const result = await deps.readiness();
    return reply.code(result.ready ? 200 : 503).send(result);
  });
};
export default healthRoutes;
