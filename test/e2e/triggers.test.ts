// Triggers over real HTTP: the cron tick (its token, intervals, overlapping ticks, processes
// switched off) and the operator's sync (202 with a run id, 404/400, full resync, dry run).
import { randomUUID } from "node:crypto";
import t from "tap";
import { TEST_ADMIN_TOKEN, TEST_CRON_TOKEN } from "../helpers/bridge.js";
import { startE2E, type E2E } from "../helpers/e2e.js";
import { confirmedOrder, runsSettled, seedCatalogue } from "./shipments-fixtures.js";

const E2E_CONFIG = { LOG_LEVEL: "error" as const };
const MINUTE = 60_000;

async function tick(e2e: E2E, token: string | null = TEST_CRON_TOKEN) {
  return e2e.bridge.call("POST", "/cron/tick", { token });
}

const processesOf = (enqueued: Array<{ process: string }>) => enqueued.map((e) => e.process).sort();

t.test("cron tick", async (t) => {
  // The bridge's clock, moved forward by the test to let an interval elapse.
  let offsetMs = 0;
  const e2e = await startE2E({ config: E2E_CONFIG, runtime: { now: () => new Date(Date.now() + offsetMs) } });
  t.teardown(() => e2e.close());
  await seedCatalogue(e2e);

  await t.test("needs CRON_TOKEN", async (t) => {
    t.equal((await tick(e2e, null)).status, 401, "no token");
    t.equal((await tick(e2e, "wrong-token-0123456789")).status, 401, "wrong token");
    t.equal((await tick(e2e, TEST_ADMIN_TOKEN)).status, 401, "the admin token is not the cron token");
    t.same(await e2e.runs(), [], "nothing was enqueued");
  });

  await t.test("enqueues each enabled process whose interval elapsed, and answers what it enqueued", async (t) => {
    const res = await tick(e2e);
    t.equal(res.status, 200);
    const enqueued = res.body.enqueued;
    t.same(processesOf(enqueued), ["articles", "orders", "shipments", "stock"], "default processes; suppliers is off");
    t.ok(enqueued.every((e: any) => e.integrationId === e2e.integrationId));
    const runs = await runsSettled(e2e);
    t.same(new Set(runs.map((r) => r.id)), new Set(enqueued.map((e: any) => e.runId)), "the answer names the runs in the ledger");
    t.ok(runs.every((r) => r.trigger === "cron" && r.status === "succeeded"), JSON.stringify(runs.map((r) => [r.process, r.status, r.error])));

    const again = await tick(e2e);
    t.equal(again.status, 200);
    t.same(again.body.enqueued, [], "called again at once, it enqueues nothing");
    offsetMs = 14 * MINUTE;
    t.same((await tick(e2e)).body.enqueued, [], "nor before the 15-minute interval is over");
  });

  await t.test("overlapping ticks give one run per process", async (t) => {
    offsetMs = 16 * MINUTE;
    const answers = await Promise.all(Array.from({ length: 6 }, () => tick(e2e)));
    t.same(answers.map((a) => a.status), [200, 200, 200, 200, 200, 200]);
    const enqueued = answers.flatMap((a) => a.body.enqueued);
    t.same(processesOf(enqueued), ["articles", "orders", "shipments", "stock"], "each process enqueued by exactly one tick");
    const runs = await runsSettled(e2e);
    const cronRuns = runs.filter((r) => r.trigger === "cron");
    t.equal(cronRuns.length, 8, "two intervals, four processes");
    for (const process of ["articles", "orders", "shipments", "stock"]) {
      t.equal(cronRuns.filter((r) => r.process === process).length, 2, `${process}: one run per interval`);
    }
  });

  await t.test("processes switched off are not enqueued", async (t) => {
    await e2e.updateSettings({ processes: { articles: false, stock: false } });
    offsetMs = 32 * MINUTE;
    const res = await tick(e2e);
    t.same(processesOf(res.body.enqueued), ["orders", "shipments"]);
    await runsSettled(e2e);
    t.equal((await e2e.runs("process=articles")).length, 2, "no new article run");
    t.equal((await e2e.runs("process=suppliers")).length, 0, "suppliers, off by default, never ran");

    const disabled = await e2e.bridge.call("PATCH", `/api/integrations/${e2e.integrationId}`, { body: { enabled: false } });
    t.equal(disabled.status, 200, JSON.stringify(disabled.body));
    offsetMs = 48 * MINUTE;
    t.same((await tick(e2e)).body.enqueued, [], "a disabled integration enqueues nothing");
  });
});

t.test("operator sync", async (t) => {
  const e2e = await startE2E({ config: E2E_CONFIG });
  t.teardown(() => e2e.close());
  await seedCatalogue(e2e);
  const sync = (path: string, body?: unknown, token?: string | null) => e2e.bridge.call("POST", path, { body, token });

  await t.test("202 with a run id; 404 for an unknown integration; 400 for an unknown process or body", async (t) => {
    const accepted = await sync(`/api/integrations/${e2e.integrationId}/sync/articles`, {});
    t.equal(accepted.status, 202);
    t.match(accepted.body.runId, /^[0-9a-f-]{36}$/);
    const run = await e2e.waitForRun(accepted.body.runId);
    t.equal(run.trigger, "operator");
    t.equal(run.process, "articles");
    t.equal(run.status, "succeeded");
    t.same(run.counts, { created: 3 });

    t.equal((await sync(`/api/integrations/${randomUUID()}/sync/articles`, {})).status, 404, "unknown integration");
    t.equal((await sync(`/api/integrations/${e2e.integrationId}/sync/invoices`, {})).status, 400, "unknown process");
    t.equal((await sync(`/api/integrations/${e2e.integrationId}/sync/suppliers`, {})).status, 409, "a process switched off (suppliers, by default)");
    t.equal((await sync(`/api/integrations/not-a-uuid/sync/articles`, {})).status, 400, "malformed integration id");
    t.equal((await sync(`/api/integrations/${e2e.integrationId}/sync/articles`, { fullResync: "yes" })).status, 400, "malformed body");
    t.equal((await sync(`/api/integrations/${e2e.integrationId}/sync/articles`, { everything: true })).status, 400, "unknown member");
    t.equal((await sync(`/api/integrations/${e2e.integrationId}/sync/articles`, {}, null)).status, 401, "no admin token");
    t.equal((await sync(`/api/integrations/${e2e.integrationId}/sync/articles`, {}, TEST_CRON_TOKEN)).status, 401, "the cron token is not the admin token");
    const runs = await runsSettled(e2e);
    t.equal(runs.length, 1, "refused requests queued nothing");
  });

  await t.test("fullResync ignores the cursor", async (t) => {
    const [first] = await e2e.runs("process=articles");
    t.ok(first.cursorAfter, "the first run left a cursor");
    // A product whose last change is older than the cursor (and its overlap window).
    await e2e.finago.seedProducts([{ Id: 20, No: "SKU-20", Name: "Old stock", DateChanged: "2024-01-01T00:00:00Z" }]);
    const delta = await e2e.sync("articles");
    t.equal(delta.cursorBefore, first.cursorAfter);
    // Products changed within the overlap window before the cursor come again, unchanged.
    t.same(delta.items.map((i: any) => [i.sourceId, i.action]), [["10", "unchanged"], ["11", "unchanged"], ["12", "unchanged"]], "a delta run does not see it");
    t.notOk((await e2e.ongoing.articles(1)).some((a) => a.articleNumber === "SKU-20"));

    const full = await e2e.sync("articles", { fullResync: true });
    t.equal(full.status, "succeeded");
    t.equal(full.fullResync, true);
    t.equal(full.cursorBefore, first.cursorAfter, "the stored cursor is recorded, but not used");
    t.same(full.items.map((i: any) => [i.sourceId, i.action]).sort(), [["10", "unchanged"], ["11", "unchanged"], ["12", "unchanged"], ["20", "created"]]);
    t.ok((await e2e.ongoing.articles(1)).some((a) => a.articleNumber === "SKU-20"), "the old product reached Ongoing");
    t.equal(full.cursorAfter, first.cursorAfter, "the cursor never moves back");
  });

  await t.test("dryRun writes nothing", async (t) => {
    await e2e.finago.seedProducts([{ Id: 30, No: "SKU-30", Name: "New thing", Weight: 3 }]);
    await e2e.finago.seedOrders([confirmedOrder(8001, { InvoiceRows: [{ RowId: 1, ProductId: 30, Quantity: 2, Type: "Normal" }] })]);
    const [lastArticles] = await e2e.runs("process=articles");
    await e2e.ongoing.resetRequestCounts();
    const finagoBefore = await e2e.finago.calls();
    const articlesBefore = (await e2e.ongoing.articles(1)).length;

    const articles = await e2e.sync("articles", { dryRun: true });
    t.equal(articles.status, "succeeded");
    t.equal(articles.dryRun, true);
    t.same(articles.items.filter((i: any) => i.action !== "unchanged").map((i: any) => [i.sourceId, i.targetId, i.action, i.detail?.would]), [["30", "SKU-30", "planned", "created"]]);
    const orders = await e2e.sync("orders", { dryRun: true });
    t.equal(orders.status, "succeeded");
    t.ok(orders.items.some((i: any) => i.entity === "order" && i.sourceId === "8001" && i.action === "planned"), JSON.stringify(orders.items));

    const traffic = await e2e.ongoing.requests();
    t.same(Object.keys(traffic.byRoute).filter((route) => !route.startsWith("GET")), [], `only reads reached Ongoing: ${JSON.stringify(traffic.byRoute)}`);
    t.equal((await e2e.ongoing.articles(1)).length, articlesBefore, "no article written");
    t.same(await e2e.ongoing.orders(1), [], "no order written");
    const finagoAfter = await e2e.finago.calls();
    const writes = ["SaveInvoices", "SaveProducts", "SetStockQuantity"];
    t.same(writes.map((op) => (finagoAfter.byOperation[op] ?? 0) - (finagoBefore.byOperation[op] ?? 0)), [0, 0, 0], "no write to Finago");
    t.equal((await e2e.finago.order(8001))?.OrderStatus, "Confirmed");

    const real = await e2e.sync("articles");
    t.equal(real.cursorBefore, lastArticles.cursorAfter, "the dry run left the cursor where it was");
    t.same(real.items.filter((i: any) => i.action !== "unchanged").map((i: any) => [i.sourceId, i.action]), [["30", "created"]], "and nothing was marked as done");
    const realOrders = await e2e.sync("orders");
    t.same(realOrders.items.map((i: any) => [i.sourceId, i.action]), [["8001", "created"]]);
  });
});
