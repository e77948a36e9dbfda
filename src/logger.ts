// Logger options: secrets are redacted wherever they could appear.
import type { FastifyServerOptions } from "fastify";

export const REDACTED_PATHS = [
  "req.headers.authorization",
  'req.headers["x-auth-token"]',
  'req.headers.cookie',
  "*.password",
  "*.username",
  "*.sessionId",
  "*.webhookSecret",
  "*.credentials",
  "*.credentialsSealed",
  "*.SECRET_KEY",
  "*.ADMIN_TOKEN",
  "*.CRON_TOKEN",
  "*.DATABASE_URL",
];

export function loggerOptions(level: string): FastifyServerOptions["logger"] {
  return { level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } };
}
