// A fresh, empty PostgreSQL database per test file: a new database on the server named by
// DATABASE_URL when it is set (as in CI), otherwise an embedded PostgreSQL of its own.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDatabase, type Database } from "../../src/db/database.js";

export interface TestDatabase {
  url: string;
  /** Opens a bridge Database on it (closed by the caller, or by drop()). */
  open(maxConnections?: number): Promise<Database>;
  /** Makes the database unreachable while clients stay open (an outage). */
  kill(): Promise<void>;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const name = `bridge_test_${randomBytes(6).toString("hex")}`;
    const admin = postgres(external, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = withDatabaseName(external, name);
    const opened: Database[] = [];
    return {
      url,
      async open(max = 10) {
        const db = await openDatabase({ url, dataDir: "unused", maxConnections: max });
        opened.push(db);
        return db;
      },
      async kill() {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
      },
      async drop() {
        await Promise.all(opened.map((d) => d.close().catch(() => {})));
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "bridge-test-"));
  const server = await openDatabase({ dataDir, maxConnections: 1 });
  const opened: Database[] = [];
  return {
    url: server.url,
    async open(max = 10) {
      const db = await openDatabase({ url: server.url, dataDir, maxConnections: max });
      opened.push(db);
      return db;
    },
    async kill() {
      await server.close();
    },
    async drop() {
      await Promise.all(opened.map((d) => d.close().catch(() => {})));
      await server.close().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
