// Bearer-token guards for the admin API and the cron endpoint.
import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../errors.js";
import { tokensEqual } from "../integrations/secret-box.js";

export function bearerGuard(expectedToken: string) {
  return async function requireBearer(request: FastifyRequest, _reply: FastifyReply) {
    const header = request.headers.authorization;
    const presented = header?.startsWith("Bearer ") ? header.slice(7) : undefined;
    if (!tokensEqual(presented, expectedToken)) throw new AppError(401, "missing or wrong bearer token");
  };
}
