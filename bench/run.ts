// `npm run bench`: throughput and memory of the main paths against the two sandboxes, on
// 127.0.0.1 only. Prints each measurement next to its target; exits 1 when one is missed.
import { performance } from "node:perf_hooks";
import { request } from "undici";
import { GOODS_OWNER_ID, startE2E } from "../test/helpers/e2e.js";

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 1000);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 300);
const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 300);

interface Result { name: string; value: number; unit: string; target: number; better: "higher" | "lower" }
const results: Result[] = [];
const record = (r: Result) => { results.push(r); console.log(`${r.name}: ${r.value.toFixed(1)} ${r.unit} (target ${r.better === "higher" ? "≥" : "≤"} ${r.target})`); };

const e2e = await startE2E({ webhooks: false, config: { LOG_LEVEL: "error", WORKER_CONCURRENCY: 4 } });
try {
  await e2e.finago.seedProducts(Array.from({ length: PRODUCTS }, (_, i) => ({
    Id: i + 1, No: `BENCH-${i + 1}`, Name: `Bench article ${i + 1}`, EAN1: String(7000000000000 + i), Weight: 0.5, Stock: 10,
  })));
  await e2e.finago.seedCompanies([{ Id: 1, Name: "Bench customer", Type: "Business" }]);
  await e2e.finago.seedOrders(Array.from({ length: ORDERS }, (_, i) => ({
    OrderId: 100000 + i, CustomerId: 1, OrderStatus: "Confirmed", CustomerName: "Bench customer", CustomerDeliveryPhone: "+4790000000", InvoiceEmailAddress: "bench@example.com",
    Addresses: { Delivery: { Street: "Gate 1", PostalCode: "0150", PostalArea: "OSLO", Country: "NO" } },
    InvoiceRows: [1, 2, 3].map((r) => ({ RowId: r, ProductId: ((i * 3 + r) % PRODUCTS) + 1, Quantity: r })),
  })));

  let t0 = performance.now();
  const articles = await e2e.sync("articles");
  let seconds = (performance.now() - t0) / 1000;
  if (articles.counts.created !== PRODUCTS) throw new Error(`articles run: ${JSON.stringify(articles.counts)}`);
  record({ name: "article registry, first sync", value: PRODUCTS / seconds, unit: "articles/s", target: 150, better: "higher" });

  t0 = performance.now();
  const again = await e2e.sync("articles", { fullResync: true });
  seconds = (performance.now() - t0) / 1000;
  if (again.counts.unchanged !== PRODUCTS) throw new Error(`resync: ${JSON.stringify(again.counts)}`);
  record({ name: "unchanged catalogue, full resync", value: seconds, unit: "s", target: 10, better: "lower" });

  t0 = performance.now();
  const orders = await e2e.sync("orders");
  seconds = (performance.now() - t0) / 1000;
  if (orders.counts.created !== ORDERS) throw new Error(`orders run: ${JSON.stringify(orders.counts)}`);
  record({ name: "sales orders, first sync", value: ORDERS / seconds, unit: "orders/s", target: 80, better: "higher" });

  // Webhook receiver: authenticated, validated, committed with its job, answered.
  const url = `${e2e.bridge.url}/webhooks/ongoing/${e2e.integrationId}`;
  const latencies: number[] = [];
  t0 = performance.now();
  for (let i = 0; i < WEBHOOKS; i += 10) {
    await Promise.all(Array.from({ length: Math.min(10, WEBHOOKS - i) }, async (_, j) => {
      const start = performance.now();
      const res = await request(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-auth-token": e2e.webhookSecret },
        body: JSON.stringify({ webhookArticlesId: 1, webhookEventId: 1_000_000 + i + j, goodsOwnerId: GOODS_OWNER_ID, articleSystemId: 1, articleNumber: "BENCH-1" }),
      });
      await res.body.dump();
      if (res.statusCode !== 202) throw new Error(`webhook answered ${res.statusCode}`);
      latencies.push(performance.now() - start);
    }));
  }
  seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  record({ name: "webhook receiver", value: WEBHOOKS / seconds, unit: "events/s (10 concurrent)", target: 300, better: "higher" });
  record({ name: "webhook receiver p95 latency", value: latencies[Math.floor(latencies.length * 0.95)]!, unit: "ms", target: 100, better: "lower" });
  record({ name: "resident memory after the runs", value: process.memoryUsage().rss / 2 ** 20, unit: "MiB (bridge + sandboxes in one process)", target: 400, better: "lower" });
} finally {
  await e2e.close();
}
const missed = results.filter((r) => (r.better === "higher" ? r.value < r.target : r.value > r.target));
console.log(missed.length ? `missed: ${missed.map((r) => r.name).join(", ")}` : "all targets met");
process.exit(missed.length ? 1 : 0);
