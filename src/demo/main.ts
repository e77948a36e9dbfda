// `npm run demo`: the whole bridge on one machine with no configuration. Starts the embedded
// database (or DATABASE_URL), both sandboxes and the bridge; registers a demo integration, seeds
// Finago, and plays a warehouse that receives, picks and ships, so the user sees articles and
// orders reach Ongoing, shipped orders turn OrderState_Sent in Finago and stock flow back.
import { ConfigError, loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { createRuntime, type Runtime } from "../runtime.js";
import { createFinagoSandboxAdmin } from "../sandbox/finago/admin-client.js";
import { startFinagoSandbox } from "../sandbox/finago/server.js";
import { DEFAULT_SANDBOX_USER } from "../sandbox/finago/state.js";
import { createOngoingSandboxControl } from "../sandbox/ongoing/control-client.js";
import { startOngoingSandbox } from "../sandbox/ongoing/server.js";
import { closeOnSignals } from "../shutdown.js";
import { DEMO_CUSTOMERS, DEMO_PRODUCTS, DEMO_RECEIVED_UNITS, DEMO_SUPPLIERS, demoOrders } from "./demo-data.js";

const DEMO_NAME = "Demo goods owner";
const GOODS_OWNER_ID = 1;
const env = process.env;

function port(name: string, fallback: number): number {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new ConfigError(`${name} must be a port number`);
  return value;
}

async function main() {
  // Demo-only tokens: they guard nothing but the sandboxes, and the user needs them to look around.
  const config = loadConfig({
    ...env,
    DATA_DIR: env.DATA_DIR ?? "./data/demo",
    ADMIN_TOKEN: env.ADMIN_TOKEN ?? "demo-admin-token-not-secret",
    CRON_TOKEN: env.CRON_TOKEN ?? "demo-cron-token-not-secret",
    LOG_LEVEL: env.LOG_LEVEL ?? "warn",
    HOST: env.HOST ?? "127.0.0.1",
  });
  const say = (line: string) => console.log(`[demo] ${line}`);
  const finagoSandbox = await startFinagoSandbox({ port: port("DEMO_FINAGO_PORT", 8081) });
  const ongoingSandbox = await startOngoingSandbox({ port: port("DEMO_ONGOING_PORT", 8082), webhookRetryCompression: 60 });
  let runtime: Runtime | undefined;
  const timers: NodeJS.Timeout[] = [];

  closeOnSignals(async ({ signal, err }) => {
    if (err) console.error(err);
    say(`${signal ?? "error"}: stopping`);
    timers.forEach(clearInterval);
    await runtime?.close();
    await ongoingSandbox.stop();
    await finagoSandbox.stop();
    say("stopped");
  }, { graceMs: config.SHUTDOWN_GRACE_MS });

  runtime = await createRuntime(config, { logger: createLogger(config.LOG_LEVEL) });
  const bridgeUrl = await runtime.app.listen({ host: config.HOST, port: config.PORT });
  const { integrations, runs } = runtime;

  for (const old of await integrations.list()) {
    if (old.name === DEMO_NAME) await integrations.remove(old.id); // its links point at sandboxes long gone
  }
  const integration = await integrations.create({
    name: DEMO_NAME,
    finago: { baseUrl: finagoSandbox.url, username: DEFAULT_SANDBOX_USER.username, password: DEFAULT_SANDBOX_USER.password, applicationId: "0f0e0d0c-0b0a-4909-8807-060504030201" },
    ongoing: { baseUrl: ongoingSandbox.url, username: "sandbox", password: "sandbox", goodsOwnerId: GOODS_OWNER_ID },
    settings: { intervalMinutes: 1, processes: { suppliers: true } },
  });

  const finago = createFinagoSandboxAdmin(finagoSandbox.url);
  const ongoing = createOngoingSandboxControl(ongoingSandbox.url);
  await finago.seedCompanies([...DEMO_SUPPLIERS, ...DEMO_CUSTOMERS]);
  await finago.seedProducts(DEMO_PRODUCTS);
  await finago.seedOrders(demoOrders());
  await ongoing.subscribeWebhooks({ url: `${bridgeUrl}/webhooks/ongoing/${integration.id}`, token: integration.webhookSecret, retryPolicy: "oneDay" });

  say(`Finago sandbox:  ${finagoSandbox.url}  (admin: ${finagoSandbox.url}/_sandbox/orders)`);
  say(`Ongoing sandbox: ${ongoingSandbox.url}  (control: ${ongoingSandbox.controlUrl}/orders)`);
  say(`Bridge:          ${bridgeUrl}`);
  say(`Swagger UI:      ${bridgeUrl}/docs`);
  say(`Runs:            curl -H "Authorization: Bearer ${config.ADMIN_TOKEN}" ${bridgeUrl}/api/runs`);
  say(`Seeded ${DEMO_PRODUCTS.length} products, ${DEMO_SUPPLIERS.length} suppliers, ${DEMO_CUSTOMERS.length} customers and ${demoOrders().length} confirmed orders in Finago. Ctrl-C stops.`);

  // The external cron of a real deployment: the bridge's own tick, every few seconds.
  const tick = () => runs.tick().catch((e) => say(`tick failed: ${e}`));
  await tick();
  timers.push(setInterval(tick, 5_000));
  timers.push(setInterval(() => playWarehouse().catch((e) => say(`warehouse: ${e}`)), 2_000));

  const received = new Set<string>();
  const reported = new Map<string, string>();
  /** One step per order and tick: receive goods, then release, pick and ship what came in. */
  async function playWarehouse() {
    for (const article of await ongoing.articles(GOODS_OWNER_ID)) {
      if (received.has(article.articleNumber)) continue;
      received.add(article.articleNumber);
      await ongoing.adjustStock({ goodsOwnerId: GOODS_OWNER_ID, articleNumber: article.articleNumber, delta: DEMO_RECEIVED_UNITS, cause: "inbound" });
      say(`Ongoing: article ${article.articleNumber} arrived; ${DEMO_RECEIVED_UNITS} received into stock`);
    }
    for (const order of await ongoing.orders(GOODS_OWNER_ID)) {
      const { orderId, orderNumber, orderStatus } = order.orderInfo;
      if (!reported.has(orderNumber)) {
        reported.set(orderNumber, "");
        say(`Ongoing: order ${orderNumber} arrived from Finago (Ongoing order ${orderId})`);
      }
      if (orderStatus.number === 200) await ongoing.release(orderId);
      else if (orderStatus.number === 300) await ongoing.pick(orderId);
      else if (orderStatus.number === 400) {
        await ongoing.ship(orderId, { waybill: `DEMO${orderId}`, trackingUrl: `https://tracking.example/DEMO${orderId}` });
        say(`Ongoing: order ${orderNumber} shipped (waybill DEMO${orderId})`);
      }
    }
    for (const order of await finago.orders()) {
      const id = String(order.OrderId);
      if (reported.has(id) && reported.get(id) !== order.OrderStatus && order.OrderStatus === "OrderState_Sent") {
        say(`Finago: order ${id} is now OrderState_Sent`);
      }
      if (reported.has(id)) reported.set(id, String(order.OrderStatus));
    }
    for (const product of await finago.products()) {
      const key = `stock:${product.Id}`;
      if (reported.get(key) !== String(product.Stock)) {
        if (reported.has(key)) say(`Finago: stock of ${product.No} is now ${product.Stock}`);
        reported.set(key, String(product.Stock));
      }
    }
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
