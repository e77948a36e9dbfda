// Wires the bridge together: database, job queue, services, HTTP app. server.ts, the demo,
// the CLI and the end-to-end tests all start the bridge through here.
import type { FastifyBaseLogger } from "fastify";
import { buildApp, type App } from "./app.js";
import type { Config } from "./config.js";
import { openDatabase, type Database } from "./db/database.js";
import { migrationStatus, runMigrations } from "./db/migrate.js";
import { NotFoundError } from "./errors.js";
import { checkConnections } from "./integrations/connection-check.js";
import { createIntegrationDal } from "./integrations/integration-dal.js";
import { createIntegrationService, type IntegrationService } from "./integrations/integration-service.js";
import { createSecretBox } from "./integrations/secret-box.js";
import { startJobQueue, type JobQueue } from "./jobs/job-queue.js";
import { createLedgerDal } from "./ledger/ledger-dal.js";
import { createLedgerService } from "./ledger/ledger-service.js";
import { createLogger } from "./logger.js";
import { createConnectorRegistry, type ConnectorOptions } from "./sync/connectors.js";
import { createRunService, RunBusyError, type RunQueue, type RunService } from "./sync/run-service.js";
import type { SliceRegistry } from "./sync/slice-types.js";
import { SLICES } from "./sync/slices.js";
import { createWebhookService, type WebhookService } from "./webhooks/webhook-service.js";

export interface Runtime {
  app: App;
  database: Database;
  integrations: IntegrationService;
  runs: RunService;
  webhooks: WebhookService;
  queue: JobQueue;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  logger?: FastifyBaseLogger;
  /** Use an already opened database (tests); otherwise open the one the config names. */
  database?: Database;
  connectors?: ConnectorOptions;
  /** Replaces slices (tests that need a slice to misbehave). */
  slices?: Partial<SliceRegistry>;
  runRetryBaseDelayMs?: number;
  /** Where the job queue sends runs; the CLI runs them in its own process instead. */
  runQueue?: (queue: JobQueue, runs: () => RunService) => RunQueue;
  now?: () => Date;
}

export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const database =
    options.database ??
    (await openDatabase({
      url: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      embeddedPort: config.EMBEDDED_PG_PORT,
      maxConnections: config.WORKER_CONCURRENCY + 10,
      log: { info: (m) => logger.info(m), warn: (m) => logger.warn(m) },
    }));
  const closers: Array<() => Promise<void>> = [];
  let closing = false;
  try {
    await runMigrations(database);
    const queue = await startJobQueue({
      url: database.url,
      // While closing, the database may already be going away (Ctrl-C reaches the embedded one too).
      onError: (err) => { if (!closing) logger.warn({ err: err.message }, "job queue error"); },
    });
    closers.push(() => queue.stop());
    const secretBox = createSecretBox(config.SECRET_KEY);
    const publicUrl = config.PUBLIC_URL ?? `http://${config.HOST === "0.0.0.0" ? "127.0.0.1" : config.HOST}:${config.PORT}`;
    const integrations = createIntegrationService({
      dal: createIntegrationDal(database.db), secretBox, publicUrl, requireHttps: config.NODE_ENV === "production",
    });
    const connectors = createConnectorRegistry(database.db, secretBox, { logger, ...options.connectors });
    closers.push(() => connectors.close());
    const ledger = createLedgerDal(database.db);
    const runs: RunService = createRunService({
      database,
      ledger,
      integrations,
      connectors,
      slices: { ...SLICES, ...options.slices },
      queue: options.runQueue ? options.runQueue(queue, () => runs) : queue,
      log: logger,
      now: options.now,
      retryBaseDelayMs: options.runRetryBaseDelayMs,
    });
    const webhooks = createWebhookService({ database, integrations, queue, runs });
    const app = await buildApp(
      {
        adminToken: config.ADMIN_TOKEN,
        cronToken: config.CRON_TOKEN,
        webhookBodyLimit: config.WEBHOOK_BODY_LIMIT,
        integrations,
        runs,
        ledger: createLedgerService({ ledger, runs }),
        webhooks,
        readiness: () => checkReadiness(database),
        async checkConnections(integrationId) {
          const integration = await integrations.resolve(integrationId);
          if (!integration) throw new NotFoundError(`integration ${integrationId}`);
          return checkConnections(integration, connectors);
        },
      },
      { logger },
    );
    if (config.WORKERS_ENABLED && config.WORKER_CONCURRENCY > 0) {
      await queue.work({
        async runSync(runId) {
          try {
            const summary = await runs.executeRun(runId);
            if (summary) logger.info({ runId, status: summary.status, counts: summary.counts, calls: summary.calls }, "sync run finished");
          } catch (err) {
            if (!(err instanceof RunBusyError)) throw err;
            // Waiting for the other run is not a failure: ask again shortly, outside pg-boss's
            // failure backoff (which grows to hours) and its retry budget.
            logger.info({ runId }, err.message);
            await queue.enqueueRun(err.run, new Date(Date.now() + 3_000 + Math.random() * 7_000));
          }
        },
        processWebhookEvent: (id) => webhooks.process(id),
      }, config.WORKER_CONCURRENCY);
    }
    return {
      app,
      database,
      integrations,
      runs,
      webhooks,
      queue,
      async close() {
        closing = true;
        await app.close();
        for (const close of closers.reverse()) await close().catch((err) => logger.warn({ err: String(err) }, "close failed"));
        if (!options.database) await database.close();
      },
    };
  } catch (err) {
    for (const close of closers.reverse()) await close().catch(() => {});
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
