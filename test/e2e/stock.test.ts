// Stock balance, Ongoing → Finago, over real HTTP against both sandboxes: written only where it
// differs, sellable or physical, never a missing quantity as zero, the dry run, the delta/full
// sweep switch, and inventory webhooks for one article.
import t from "tap";
import { eventually, startE2E, type E2E } from "../helpers/e2e.js";
import { startOngoingProxy } from "./stock-ongoing-proxy.js";

const GOODS_OWNER_ID = 1;
type Asserts = Pick<typeof t, "equal" | "ok">;

/** Finago product ids that received SetStockQuantity, in order. */
async function stockWrites(e2e: E2E): Promise<number[]> {
  const requests = await e2e.finago.requests("SetStockQuantity");
  return requests.map((r) => Number(/productId>\s*(\d+)\s*</.exec(r.body)?.[1]));
}
const finagoStock = async (e2e: E2E, id: number) => (await e2e.finago.product(id))?.Stock;
const item = (run: any, articleNumber: string) => run.items.find((i: any) => i.entity === "stock" && i.sourceId === articleNumber);
const setOngoingStock = (e2e: E2E, articleNumber: string, numberOfItems: number) =>
  e2e.ongoing.adjustStock({ goodsOwnerId: GOODS_OWNER_ID, articleNumber, numberOfItems });

t.test("stock balance over an interval run", async (t) => {
  // Webhooks off here, so that adjusting stock in the sandbox does not start runs of its own.
  const e2e = await startE2E({ config: { LOG_LEVEL: "error" }, webhooks: false });
  t.teardown(() => e2e.close());
  await e2e.finago.seedProducts([
    { Id: 10, No: "SKU-10", Name: "Same", Stock: 5 },
    { Id: 11, No: "SKU-11", Name: "More in the warehouse", Stock: 0 },
    { Id: 12, No: "SKU-12", Name: "Less in the warehouse", Stock: 7 },
  ]);
  t.equal((await e2e.sync("articles")).status, "succeeded");
  await setOngoingStock(e2e, "SKU-10", 5);
  await setOngoingStock(e2e, "SKU-11", 8);
  await setOngoingStock(e2e, "SKU-12", 3);

  await t.test("a dry run reports both quantities and the write it would make, and writes nothing", async (t) => {
    await e2e.finago.clearRequests();
    const run = await e2e.sync("stock", { dryRun: true });
    t.equal(run.status, "succeeded", JSON.stringify(run));
    t.equal(run.dryRun, true);
    t.match(item(run, "SKU-11"), { action: "planned", targetId: "11", detail: { source: "sellable", ongoingQuantity: 8, finagoQuantity: 0, write: 8 } });
    t.match(item(run, "SKU-12"), { action: "planned", targetId: "12", detail: { ongoingQuantity: 3, finagoQuantity: 7, write: 3 } });
    t.match(item(run, "SKU-10"), { action: "unchanged", detail: { ongoingQuantity: 5, finagoQuantity: 5 } });
    t.same(await stockWrites(e2e), [], "no SetStockQuantity reached Finago");
    t.same([await finagoStock(e2e, 11), await finagoStock(e2e, 12)], [0, 7], "Finago's stock is as it was");
  });

  await t.test("the run writes Ongoing's sellable quantity only where it differs, and the ledger shows both quantities", async (t) => {
    await e2e.finago.clearRequests();
    const run = await e2e.sync("stock");
    t.equal(run.status, "succeeded", JSON.stringify(run));
    t.same((await stockWrites(e2e)).sort(), [11, 12], "SetStockQuantity for the two articles that differ, not for the equal one");
    t.equal(await finagoStock(e2e, 11), 8);
    t.equal(await finagoStock(e2e, 12), 3);
    t.equal(await finagoStock(e2e, 10), 5);
    t.match(item(run, "SKU-11"), { action: "updated", detail: { source: "sellable", ongoingQuantity: 8, finagoQuantity: 0, written: 8 } });
    t.match(item(run, "SKU-12"), { action: "updated", detail: { ongoingQuantity: 3, finagoQuantity: 7, written: 3 } });
    t.match(item(run, "SKU-10"), { action: "unchanged", detail: { ongoingQuantity: 5, finagoQuantity: 5 } });
  });

  await t.test("a resync with equal stock writes nothing", async (t) => {
    await e2e.finago.clearRequests();
    const run = await e2e.sync("stock", { fullResync: true });
    t.equal(run.status, "succeeded");
    t.same(run.counts, { unchanged: 3 }, JSON.stringify(run.items));
    t.same(await stockWrites(e2e), [], "no SetStockQuantity");
  });

  await t.test("sellable (default) or physical: open orders reduce the sellable quantity only", async (t) => {
    await e2e.finago.seedCompanies([{ Id: 500, Name: "Kunde AS", Type: "Business" }]);
    await e2e.finago.seedOrders([{
      OrderId: 9001, CustomerId: 500, OrderStatus: "Confirmed", CustomerName: "Kunde AS",
      Addresses: { Delivery: { Street: "Gate 1", PostalCode: "0150", PostalArea: "OSLO", Country: "NO" } },
      InvoiceRows: [{ RowId: 1, ProductId: 11, Quantity: 3, Type: "Normal" }],
    }]);
    t.equal((await e2e.sync("orders")).status, "succeeded");
    const [article] = await e2e.ongoing.articles(GOODS_OWNER_ID).then((all) => all.filter((a) => a.articleNumber === "SKU-11"));
    t.match(article?.inventoryInfo, { numberOfItems: 8, sellableNumberOfItems: 5 }, "the open order holds 3 of 8");

    await e2e.finago.clearRequests();
    const sellable = await e2e.sync("stock", { fullResync: true });
    t.match(item(sellable, "SKU-11"), { action: "updated", detail: { source: "sellable", ongoingQuantity: 5, finagoQuantity: 8, written: 5 } });
    t.equal(await finagoStock(e2e, 11), 5, "Finago gets the sellable quantity");
    t.same(await stockWrites(e2e), [11]);

    await e2e.updateSettings({ stockQuantity: "physical" });
    await e2e.finago.clearRequests();
    const physical = await e2e.sync("stock", { fullResync: true });
    t.match(item(physical, "SKU-11"), { action: "updated", detail: { source: "physical", ongoingQuantity: 8, finagoQuantity: 5, written: 8 } });
    t.equal(await finagoStock(e2e, 11), 8, "Finago gets the physical quantity");
    t.same(await stockWrites(e2e), [11], "the others agree either way");
    await e2e.updateSettings({ stockQuantity: "sellable" });
    await e2e.sync("stock", { fullResync: true });
  });

  const proxy = await startOngoingProxy(e2e.ongoingSandbox.url);
  t.teardown(() => proxy.close());
  const moved = await e2e.bridge.call("PATCH", `/api/integrations/${e2e.integrationId}`, { body: { ongoing: { baseUrl: proxy.url, password: "sandbox" } } });
  t.equal(moved.status, 200, JSON.stringify(moved.body));
  const sql = e2e.bridge.runtime.database.sql;
  const setState = (cursorHoursAgo: number, sweptHoursAgo: number) => sql`
    update sync_state
       set cursor = now() - make_interval(secs => ${cursorHoursAgo * 3600}),
           last_full_sweep_at = now() - make_interval(secs => ${sweptHoursAgo * 3600})
     where integration_id = ${e2e.integrationId} and process = 'stock'`;
  /** The stock run's article list request: its stockInfoChangedFrom, or null for a full sweep. */
  async function articleListFrom(t: Asserts): Promise<Date | null> {
    proxy.requests.length = 0;
    const run = await e2e.sync("stock");
    t.equal(run.status, "succeeded", JSON.stringify(run));
    // The list is paged by articleSystemIdFrom; every page carries the same filter.
    const pages = proxy.requests.filter((r) => r.method === "GET" && r.path.endsWith("/articles") && !r.query.has("articleNumbers"));
    t.equal(pages.filter((r) => r.query.get("articleSystemIdFrom") === "0").length, 1, "one article list");
    t.ok(pages.length > 0 && pages.every((r) => r.status === 200), "Ongoing accepted every page");
    const filters = new Set(pages.map((r) => r.query.get("stockInfoChangedFrom")));
    t.equal(filters.size, 1, "the same stockInfoChangedFrom on every page");
    const [from] = filters;
    return from ? new Date(from) : null;
  }
  const HOUR = 3600_000;

  await t.test("the delta-to-full-sweep switch at 24 hours, and a full sweep at least every 6 hours", async (t) => {
    await setState(1, 1);
    const recent = await articleListFrom(t);
    t.ok(recent, "a cursor 1 hour old: a delta through stockInfoChangedFrom");
    t.ok(recent && Math.abs(Date.now() - recent.getTime() - (HOUR + 5 * 60_000)) < 60_000, `from the cursor less the 5 minute overlap (${recent?.toISOString()})`);

    await setState(23, 1);
    const old = await articleListFrom(t);
    t.ok(old && Date.now() - old.getTime() < 24 * HOUR && Date.now() - old.getTime() > 23 * HOUR, `23 hours old: still a delta, within Ongoing's 24 hours (${old?.toISOString()})`);

    await setState(25, 1);
    t.equal(await articleListFrom(t), null, "25 hours old: a full sweep without stockInfoChangedFrom");
    const [state] = await sql<{ swept: Date; cursor: Date }[]>`
      select last_full_sweep_at as swept, cursor from sync_state where integration_id = ${e2e.integrationId} and process = 'stock'`;
    t.ok(Date.now() - new Date(state!.swept).getTime() < 60_000, "the full sweep is recorded");
    t.ok(Date.now() - new Date(state!.cursor).getTime() < 60_000, "and the cursor moved to the run's start");
    t.ok(await articleListFrom(t), "right after a sweep: a delta again");

    await setState(0.1, 7);
    t.equal(await articleListFrom(t), null, "a fresh cursor but the last full sweep 7 hours ago: a full sweep");
    await setState(0.1, 5);
    t.ok(await articleListFrom(t), "the last full sweep 5 hours ago: a delta");
  });

  await t.test("a quantity Ongoing does not report is never written as zero", async (t) => {
    // The sandbox always reports both quantities; the proxy takes them out of its answer.
    await setOngoingStock(e2e, "SKU-10", 9);
    await setOngoingStock(e2e, "SKU-11", 4);
    await setOngoingStock(e2e, "SKU-12", 6);
    proxy.rewriteArticles = (articles) => articles.map((a) => {
      if (a.articleNumber === "SKU-10") return { ...a, inventoryInfo: { ...a.inventoryInfo, sellableNumberOfItems: null } };
      if (a.articleNumber === "SKU-11") {
        const { sellableNumberOfItems: _gone, ...rest } = a.inventoryInfo;
        return { ...a, inventoryInfo: rest };
      }
      if (a.articleNumber === "SKU-12") return { ...a, inventoryInfo: null };
      return a;
    });
    const before = [await finagoStock(e2e, 10), await finagoStock(e2e, 11), await finagoStock(e2e, 12)];
    await e2e.finago.clearRequests();
    const run = await e2e.sync("stock", { fullResync: true });
    t.equal(run.status, "partial", "the run reports failed items");
    t.match(item(run, "SKU-10"), { action: "failed", errorClass: "mapping", message: /does not report the sellable quantity \(sellableNumberOfItems null\); not writing it to Finago as zero/ });
    t.match(item(run, "SKU-11"), { action: "failed", message: /sellableNumberOfItems missing/ });
    t.match(item(run, "SKU-12"), { action: "failed", message: /no inventoryInfo/ });
    t.same(await stockWrites(e2e), [], "no SetStockQuantity, in particular not with zero");
    t.same([await finagoStock(e2e, 10), await finagoStock(e2e, 11), await finagoStock(e2e, 12)], before, "Finago keeps its stock");

    proxy.rewriteArticles = undefined;
    const recovered = await e2e.sync("stock");
    t.equal(recovered.status, "succeeded", "once Ongoing reports the quantities again");
    t.same([await finagoStock(e2e, 10), await finagoStock(e2e, 11), await finagoStock(e2e, 12)], [9, 1, 6], "they are written (SKU-11 less its open order)");
  });
});

t.test("an inventory webhook balances that article only", async (t) => {
  const e2e = await startE2E({ config: { LOG_LEVEL: "error" } });
  t.teardown(() => e2e.close());
  await e2e.finago.seedProducts([
    { Id: 20, No: "SKU-20", Name: "Adjusted", Stock: 1 },
    { Id: 21, No: "SKU-21", Name: "Differs but untouched", Stock: 4 },
  ]);
  t.equal((await e2e.sync("articles")).status, "succeeded");
  await e2e.ongoing.waitForWebhooksIdle(10_000);
  await e2e.finago.clearRequests();

  const runsBefore = new Set((await e2e.runs("process=stock")).map((r) => r.id));
  await e2e.ongoing.adjustStock({ goodsOwnerId: GOODS_OWNER_ID, articleNumber: "SKU-20", numberOfItems: 12 });
  const triggered = await eventually(async () => (await e2e.runs("process=stock")).find((r) => !runsBefore.has(r.id)), 20_000, "a stock run from the webhook");
  const run = await e2e.waitForRun(triggered.id);
  t.equal(run.trigger, "webhook");
  t.match(run.scope, { articleNumber: "SKU-20" });
  t.equal(run.status, "succeeded", JSON.stringify(run));
  t.same(run.items.map((i: any) => i.sourceId), ["SKU-20"], "only the adjusted article");
  t.match(item(run, "SKU-20"), { action: "updated", detail: { ongoingQuantity: 12, finagoQuantity: 1, written: 12 } });
  t.same(await stockWrites(e2e), [20], "SetStockQuantity for that article alone, though SKU-21 differs too");
  t.equal(await finagoStock(e2e, 20), 12);
  t.equal(await finagoStock(e2e, 21), 4, "the other article is left for the interval run");

  // A receipt (inbound-and-move) does the same.
  const seen = new Set((await e2e.runs("process=stock")).map((r) => r.id));
  await e2e.ongoing.adjustStock({ goodsOwnerId: GOODS_OWNER_ID, articleNumber: "SKU-21", delta: 2, cause: "inbound" });
  const inbound = await eventually(async () => (await e2e.runs("process=stock")).find((r) => !seen.has(r.id)), 20_000, "a stock run from the receipt");
  const received = await e2e.waitForRun(inbound.id);
  t.match(received, { trigger: "webhook", scope: { articleNumber: "SKU-21" }, status: "succeeded" });
  t.same(received.items.map((i: any) => i.sourceId), ["SKU-21"]);
  t.equal(await finagoStock(e2e, 21), 2, "Ongoing's 0 + 2 received");
  t.equal(await finagoStock(e2e, 20), 12);
});
