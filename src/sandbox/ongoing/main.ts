// Runs the Ongoing WMS sandbox on its own: `npm run sandbox:ongoing` (PORT, default 8082).
// Optional env: ONGOING_SANDBOX_USER, ONGOING_SANDBOX_PASSWORD, ONGOING_SANDBOX_GOODS_OWNER_ID,
// ONGOING_SANDBOX_WEBHOOK_RETRY_COMPRESSION.

import { startOngoingSandbox } from "./server.js";

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got '${raw}'`);
  return value;
}

const port = intEnv("PORT", 8082);
const goodsOwnerId = intEnv("ONGOING_SANDBOX_GOODS_OWNER_ID", 1);
const username = process.env.ONGOING_SANDBOX_USER || "sandbox";
const password = process.env.ONGOING_SANDBOX_PASSWORD || "sandbox";

const sandbox = await startOngoingSandbox({
  port,
  host: process.env.HOST || "127.0.0.1",
  users: [{ username, password, goodsOwnerIds: [goodsOwnerId] }],
  webhookRetryCompression: intEnv("ONGOING_SANDBOX_WEBHOOK_RETRY_COMPRESSION", 1) || 1,
});

console.log(`Ongoing WMS sandbox: ${sandbox.url}`);
console.log(`  user ${username}, goods owner ${goodsOwnerId}; control API: ${sandbox.controlUrl}`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping the Ongoing sandbox`);
  await sandbox.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
