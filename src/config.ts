// Configuration from the environment, validated once at start. A bad or missing
// variable stops the start with a message that names it.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import envSchema from "env-schema";
import { Type, type Static } from "typebox";

const Hex64 = "^[0-9a-fA-F]{64}$";

export const ConfigSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal("development"), Type.Literal("production"), Type.Literal("test")], {
    default: "development",
  }),
  HOST: Type.String({ default: "0.0.0.0", minLength: 1 }),
  PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535 }),
  PUBLIC_URL: Type.Optional(Type.String({ pattern: "^https?://", description: "Base URL Ongoing reaches the bridge at" })),
  DATABASE_URL: Type.Optional(Type.String({ pattern: "^postgres(ql)?://" })),
  DATA_DIR: Type.String({ default: "./data", minLength: 1 }),
  EMBEDDED_PG_PORT: Type.Integer({ default: 54329, minimum: 0, maximum: 65535 }),
  SECRET_KEY: Type.Optional(Type.String({ pattern: Hex64, description: "32 random bytes as 64 hex characters" })),
  ADMIN_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  CRON_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  LOG_LEVEL: Type.Unsafe<"fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent">({
    type: "string",
    enum: ["fatal", "error", "warn", "info", "debug", "trace", "silent"],
    default: "info",
  }),
  SHUTDOWN_GRACE_MS: Type.Integer({ default: 10000, minimum: 0 }),
  WEBHOOK_BODY_LIMIT: Type.Integer({ default: 262144, minimum: 1024 }),
  WORKER_CONCURRENCY: Type.Integer({ default: 4, minimum: 0, maximum: 32 }),
  WORKERS_ENABLED: Type.Boolean({ default: true }),
});
type RawConfig = Static<typeof ConfigSchema>;

export type Config = Omit<RawConfig, "SECRET_KEY" | "ADMIN_TOKEN" | "CRON_TOKEN"> & {
  SECRET_KEY: string;
  ADMIN_TOKEN: string;
  CRON_TOKEN: string;
};

export class ConfigError extends Error {}

/**
 * Reads and validates the environment. Outside production, missing secrets are generated
 * once and kept in DATA_DIR/dev-secrets.json (mode 0600) so a first start needs no setup;
 * in production every secret must be given.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  let raw: RawConfig;
  try {
    raw = envSchema<RawConfig>({ schema: ConfigSchema, data: env, env: false, dotenv: false });
  } catch (err) {
    throw new ConfigError(`invalid configuration: ${(err as Error).message}`);
  }
  if (raw.NODE_ENV === "production" && !raw.DATABASE_URL) {
    // An embedded database on a deployment's disk is lost with the machine.
    throw new ConfigError("invalid configuration: DATABASE_URL is required in production");
  }
  const missing = (["SECRET_KEY", "ADMIN_TOKEN", "CRON_TOKEN"] as const).filter((k) => !raw[k]);
  if (missing.length === 0) return raw as Config;
  if (raw.NODE_ENV === "production") {
    throw new ConfigError(`invalid configuration: ${missing.map((k) => `${k} is required in production`).join("; ")}`);
  }
  const generated = loadOrCreateDevSecrets(raw.DATA_DIR);
  return {
    ...raw,
    SECRET_KEY: raw.SECRET_KEY ?? generated.SECRET_KEY,
    ADMIN_TOKEN: raw.ADMIN_TOKEN ?? generated.ADMIN_TOKEN,
    CRON_TOKEN: raw.CRON_TOKEN ?? generated.CRON_TOKEN,
  };
}

export function devSecretsPath(dataDir: string): string {
  return path.resolve(dataDir, "dev-secrets.json");
}

function loadOrCreateDevSecrets(dataDir: string): Record<"SECRET_KEY" | "ADMIN_TOKEN" | "CRON_TOKEN", string> {
  const file = devSecretsPath(dataDir);
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  const secrets = {
    SECRET_KEY: randomBytes(32).toString("hex"),
    ADMIN_TOKEN: randomBytes(24).toString("base64url"),
    CRON_TOKEN: randomBytes(24).toString("base64url"),
  };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
