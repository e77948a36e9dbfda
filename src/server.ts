// Starts the bridge: config, database (external or embedded), migrations, HTTP, graceful shutdown.
import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { createRuntime } from "./runtime.js";
import { closeOnSignals } from "./shutdown.js";

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const runtime = await createRuntime(config, { logger: createLogger(config.LOG_LEVEL) });
  const { app } = runtime;
  closeOnSignals(async ({ signal, err }) => {
    if (err) app.log.error({ err }, "shutting down after an error");
    else app.log.info({ signal }, "shutting down");
    await runtime.close();
  }, { graceMs: config.SHUTDOWN_GRACE_MS });
  await app.listen({ host: config.HOST, port: config.PORT });
  app.log.info(`Swagger UI at http://${config.HOST === "0.0.0.0" ? "127.0.0.1" : config.HOST}:${config.PORT}/docs`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
