// Logger options: secrets are redacted wherever they could appear.
import pino from "pino";

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

export function createLogger(level: string, destination?: pino.DestinationStream): pino.Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } }, destination);
}
