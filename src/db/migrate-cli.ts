// `npm run migrate`: applies pending migrations and exits (Fly.io's release command).
import { ConfigError, loadConfig } from "../config.js";
import { openDatabase } from "./database.js";
import { migrationStatus, runMigrations } from "./migrate.js";

try {
  const config = loadConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, embeddedPort: config.EMBEDDED_PG_PORT });
  try {
    await runMigrations(database);
    const status = await migrationStatus(database);
    console.log(`migrations applied: ${status.applied} of ${status.expected}`);
  } finally {
    await database.close();
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
}
