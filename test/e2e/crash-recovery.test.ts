// Crashes in the middle of the order process, over real HTTP against both sandboxes: between the
// Ongoing write and the ledger commit, with Ongoing's answer lost after it stored the order, and
// with the worker gone while its run is `running`. Every rerun leaves no duplicate and no gap.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import t from "tap";
import { eventually, startE2E, type E2E } from "../helpers/e2e.js";
import { OngoingNetworkError } from "../../src/ongoing/errors.js";
import { lockKey } from "../../src/sync/run-service.js";
import type { Slice, SliceContext } from "../../src/sync/slice-types.js";
import { SLICES } from "../../src/sync/slices.js";
import type { ItemRecord } from "../../src/ledger/ledger-types.js";
import { confirmedOrder, seedCatalogue } from "./shipments-fixtures.js";

type CrashPlan =
  /** The process dies after the order and its link are stored, before its ledger item commits. */
  | { kind: "before-ledger-commit"; orderIds: number[] }
  /** Ongoing stores the order but its answer never arrives. */
  | { kind: "answer-lost"; orderId: number };

let plan: CrashPlan | undefined;

/** The real order slice, with a context that fails once the way the current plan says. */
const ordersWithCrash: Slice = async (ctx) => {
  const current = plan;
  plan = undefined;
  if (!current) return SLICES.orders(ctx);
  const crashed = new Error(`simulated crash (${current.kind})`);
  if (current.kind === "answer-lost") {
    return SLICES.orders({
      ...ctx,
      ongoing: {
        ...ctx.ongoing,
        async putOrder(order) {
          const result = await ctx.ongoing.putOrder(order);
          if (order.orderNumber === String(current.orderId)) {
            throw new OngoingNetworkError("connection reset before the answer arrived", "PUT", "/orders");
          }
          return result;
        },
      },
    });
  }
  const created = new Set<string>();
  const record = async (item: ItemRecord) => {
    if (item.entity === "order" && item.action === "created" && current.orderIds.includes(Number(item.sourceId))) {
      created.add(item.sourceId);
      // The second of the orders named (they share a change time): the cursor already sits on that time.
      if (created.size === current.orderIds.length) throw crashed;
    }
    await ctx.record(item);
  };
  return SLICES.orders({ ...ctx, record } satisfies SliceContext);
};

/** Seeds confirmed orders changed at the given times (ms before now). */
async function seedOrdersChangedAt(e2e: E2E, orders: Array<[orderId: number, msAgo: number]>, now = Date.now()) {
  await e2e.finago.seedOrders(orders.map(([id, ago]) => confirmedOrder(id, { DateChanged: new Date(now - ago).toISOString() })));
}

/** Ongoing's orders per order number, for the numbers asked about. */
async function ongoingCopies(e2e: E2E, orderIds: number[]): Promise<Record<string, number>> {
  const copies: Record<string, number> = Object.fromEntries(orderIds.map((id) => [String(id), 0]));
  for (const order of await e2e.ongoing.orders(1)) {
    if (order.orderInfo.orderNumber in copies) copies[order.orderInfo.orderNumber]!++;
  }
  return copies;
}

const once = (ids: number[]) => Object.fromEntries(ids.map((id) => [String(id), 1]));

async function finagoChange(e2e: E2E, orderId: number): Promise<string> {
  return String((await e2e.finago.order(orderId))!.DateChanged);
}

t.test("crash recovery of the order process", async (t) => {
  const e2e = await startE2E({ config: { LOG_LEVEL: "silent" }, runtime: { slices: { orders: ordersWithCrash } } });
  t.teardown(() => e2e.close());
  await seedCatalogue(e2e);
  await e2e.sync("articles");

  await t.test("a crash between the Ongoing write and the ledger commit", async (t) => {
    const ids = [9301, 9302, 9303, 9304, 9305];
    // 9303 and 9304 were changed at the same moment: the crash comes after the first of them moved the cursor there.
    await seedOrdersChangedAt(e2e, [[9301, 600_000], [9302, 599_000], [9303, 598_000], [9304, 598_000], [9305, 597_000]]);
    plan = { kind: "before-ledger-commit", orderIds: [9303, 9304] };
    const crashed = await e2e.sync("orders");
    t.equal(crashed.status, "failed");
    t.match(crashed.error, /simulated crash/);
    const recorded = crashed.items.map((i: any) => Number(i.sourceId));
    t.equal(recorded.length, 3, "9301, 9302 and one of the tied pair were recorded");
    const lost = [9303, 9304].find((id) => !recorded.includes(id))!;
    t.same(await ongoingCopies(e2e, ids), { ...once(ids.slice(0, 4)), 9305: 0 }, "the crashed order reached Ongoing, the last one not");
    t.equal(crashed.cursorAfter, await finagoChange(e2e, lost), "the cursor sits on the tied change time, not past it");

    const rerun = await e2e.sync("orders");
    t.equal(rerun.status, "succeeded");
    t.equal(rerun.cursorBefore, crashed.cursorAfter);
    t.equal(rerun.cursorAfter, await finagoChange(e2e, 9305), "the cursor moves past the last order");
    t.same(await ongoingCopies(e2e, ids), once(ids), "one Ongoing order per Finago order: no duplicate, no gap");
    const byOrder = Object.fromEntries(rerun.items.filter((i: any) => ids.includes(Number(i.sourceId))).map((i: any) => [i.sourceId, i.action]));
    t.same(byOrder, { 9301: "unchanged", 9302: "unchanged", 9303: "unchanged", 9304: "unchanged", 9305: "created" },
      "the crashed order is known (its link was stored with the write), the missing one is created");
    const ledgered = new Set([...crashed.items, ...rerun.items].map((i: any) => i.sourceId));
    t.ok(ids.every((id) => ledgered.has(String(id))), "every order is in the ledger");
  });

  await t.test("Ongoing stored the order but its answer was lost: the retry run does not create it twice", async (t) => {
    const ids = [9401, 9402, 9403];
    await seedOrdersChangedAt(e2e, [[9401, 480_000], [9402, 479_000], [9403, 478_000]]);
    plan = { kind: "answer-lost", orderId: 9402 };
    const failed = await e2e.sync("orders");
    t.equal(failed.status, "failed");
    t.match(failed.error, /^transient: connection reset/);
    t.equal(failed.cursorAfter, await finagoChange(e2e, 9401), "the cursor stops before the order without an answer");
    const retryId = /\(retry run ([0-9a-f-]{36})\)/.exec(failed.error)?.[1];
    t.ok(retryId, "a retry run was queued");
    const retry = await e2e.waitForRun(retryId!);
    t.equal(retry.status, "succeeded");
    t.equal(retry.trigger, "retry");
    t.same(await ongoingCopies(e2e, ids), once(ids), "no duplicate, no gap");
    t.same(retry.items.filter((i: any) => ids.includes(Number(i.sourceId))).map((i: any) => [i.sourceId, i.action]),
      [["9401", "unchanged"], ["9402", "created"], ["9403", "created"]]);
    const stored = (await e2e.ongoing.orders(1)).find((o) => o.orderInfo.orderNumber === "9402")!;
    t.equal(retry.items.find((i: any) => i.sourceId === "9402").targetId, String(stored.orderInfo.orderId), "linked to the order Ongoing already had");
    t.equal(retry.cursorAfter, await finagoChange(e2e, 9403));
  });

  await t.test("a run whose worker died mid-run is finished by its retry", async (t) => {
    const ids = [9501, 9502, 9503];
    await seedOrdersChangedAt(e2e, [[9501, 360_000], [9502, 359_000], [9503, 358_000]]);
    // A worker in a process of its own starts the run, records 9501, and is killed.
    const worker = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./crash-worker.ts", import.meta.url))], {
      env: { ...process.env, BRIDGE_DATABASE_URL: e2e.bridge.testDatabase.url, INTEGRATION_ID: e2e.integrationId, FREEZE_AFTER_ORDER: "9501" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    t.teardown(() => { worker.kill("SIGKILL"); });
    const said: any[] = [];
    createInterface({ input: worker.stdout! }).on("line", (line) => said.push(JSON.parse(line)));
    await eventually(async () => said.some((l) => l.frozen === "9501"), 30_000, "the worker to reach 9501");
    const runId: string = said.find((l) => l.runId).runId;
    const exited = new Promise((resolve) => worker.once("exit", resolve));
    worker.kill("SIGKILL");
    await exited;

    const left = await e2e.bridge.call("GET", `/api/runs/${runId}`);
    t.equal(left.body.status, "running", "the ledger still shows the run as running");
    t.same(left.body.items.filter((i: any) => ids.includes(Number(i.sourceId))).map((i: any) => [i.sourceId, i.action]), [["9501", "created"]]);
    // PostgreSQL ends the dead process's session, and with it the run's lock.
    await eventually(async () => {
      const key = BigInt.asUintN(64, BigInt(lockKey(e2e.integrationId, "orders")));
      const held = await e2e.bridge.runtime.database.sql`
        select 1 from pg_locks
        where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())
          and classid = ${(key >> 32n).toString()}::oid and objid = ${(key & 0xffffffffn).toString()}::oid`;
      return held.length === 0;
    }, 10_000, "the dead worker's lock to go");

    // pg-boss hands an expired job out again: here it is sent at once, to this instance's workers.
    await e2e.bridge.runtime.queue.enqueueRun({ id: runId, integrationId: e2e.integrationId, process: "orders" });
    const finished = await e2e.waitForRun(runId);
    t.equal(finished.status, "succeeded", "the same run, finished");
    t.same(await ongoingCopies(e2e, ids), once(ids), "no duplicate, no gap");
    const actions = finished.items.filter((i: any) => ids.includes(Number(i.sourceId))).map((i: any) => [i.sourceId, i.action]);
    t.same(actions, [["9501", "created"], ["9501", "unchanged"], ["9502", "created"], ["9503", "created"]], "the items of both attempts");
    t.equal(finished.cursorAfter, await finagoChange(e2e, 9503));
    t.same(await e2e.runs("outcome=running"), [], "no run is left running");
  });
});
