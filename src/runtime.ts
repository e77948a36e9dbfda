// Wires the bridge together: database, services, HTTP app. server.ts, the demo and the
// end-to-end tests all start the bridge through here.
import type { FastifyServerOptions } from "fastify";
import { buildApp, type App } from "./app.js";
import type { Config } from "./config.js";
import { openDatabase, type Database } from "./db/database.js";
import { migrationStatus, runMigrations } from "./db/migrate.js";
import { createIntegrationDal } from "./integrations/integration-dal.js";
import { createIntegrationService, type IntegrationService } from "./integrations/integration-service.js";
import { createSecretBox } from "./integrations/secret-box.js";

export interface Runtime {
  app: App;
  database: Database;
  integrations: IntegrationService;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  logger?: FastifyServerOptions["logger"];
  /** Use an already opened database (tests); otherwise open the one the config names. */
  database?: Database;
}

export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const log = { info: (m: string) => console.error(m), warn: (m: string) => console.error(m) };
  const database =
    options.database ??
    (await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, embeddedPort: config.EMBEDDED_PG_PORT, log }));
  try {
    await runMigrations(database);
    const secretBox = createSecretBox(config.SECRET_KEY);
    const publicUrl = config.PUBLIC_URL ?? `http://${config.HOST === "0.0.0.0" ? "127.0.0.1" : config.HOST}:${config.PORT}`;
    const integrations = createIntegrationService({ dal: createIntegrationDal(database.db), secretBox, publicUrl });
    const app = await buildApp(
      {
        adminToken: config.ADMIN_TOKEN,
        cronToken: config.CRON_TOKEN,
        webhookBodyLimit: config.WEBHOOK_BODY_LIMIT,
        integrations,
        readiness: () => checkReadiness(database),
      },
      { logger: options.logger },
    );
    return {
      app,
      database,
      integrations,
      async close() {
        await app.close();
        if (!options.database) await database.close();
      },
    };
  } catch (err) {
    if (!options.database) await database.close().catch(() => {});
    throw err;
  }
}

async function checkReadiness(database: Database): Promise<{ ready: boolean; checks: Record<string, string> }> {
  try {
    const status = await withTimeout(migrationStatus(database), 2000);
    const migrationsOk = status.applied >= status.expected;
    return {
      ready: migrationsOk,
      checks: {
        database: "up",
        migrations: migrationsOk ? "applied" : `missing ${status.expected - status.applied} of ${status.expected}`,
      },
    };
  } catch {
    return { ready: false, checks: { database: "unreachable" } };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error("timeout")), ms); }),
  ]).finally(() => clearTimeout(timer));
}
