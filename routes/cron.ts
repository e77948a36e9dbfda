import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import type { AppDeps } from "../src/app.js";
import { bearerGuard } from "../src/http/auth.js";
import { ProcessParam } from "../src/http/ledger-schemas.js";
import { errorResponses } from "../src/http/schemas.js";

const cronRoutes: FastifyPluginAsyncTypebox<{ deps: AppDeps }> = async (app, { deps }) => {
  app.addHook("onRequest", bearerGuard(deps.cronToken));
  app.post("/cron/tick", {
    schema: {
      tags: ["sync"],
      summary: "Enqueue every enabled process whose interval has elapsed",
      description: "For an external cron, with CRON_TOKEN. Calling it every minute is safe: each interval is claimed once, however many ticks overlap.",
      security: [{ cronToken: [] }],
      response: {
        200: Type.Object({
          enqueued: Type.Array(Type.Object({ integrationId: Type.String({ format: "uuid" }), process: ProcessParam, runId: Type.String({ format: "uuid" }) })),
        }),
        ...errorResponses(401),
      },
    },
  }, async () => ({ enqueued: await deps.runs.tick() }));
};
export default cronRoutes;
