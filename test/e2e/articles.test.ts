// Article registry end to end: Finago products become Ongoing articles over real HTTP, one
// assertion per row of the product description's article table, and nothing is written twice.
import t from "tap";
import { GOODS_OWNER_ID, startE2E } from "../helpers/e2e.js";

const itemsOf = (run: any, action?: string) => (run.items as any[]).filter((i) => !action || i.action === action);

t.test("article registry over both sandboxes", async (t) => {
  const e2e = await startE2E({ config: { LOG_LEVEL: "error" }, webhooks: false });
  t.teardown(() => e2e.close());

  await e2e.finago.seedProducts([
    { Id: 10, No: "SKU-10", Name: "Widget", Description: "A blue widget", EAN1: "7070000000010", Weight: 1.25 },
    { Id: 11, No: "SKU-11", Name: "Gadget", Weight: 0.5 },
    { Id: 12, Name: "Product without a number", EAN1: "7070000000012" },
  ]);

  const first = await e2e.sync("articles");

  await t.test("each row of the article table arrives in Ongoing", async (t) => {
    const articles = await e2e.ongoing.articles(GOODS_OWNER_ID);
    const widget = articles.find((a) => a.articleNumber === "SKU-10");
    t.ok(widget, "the product is an Ongoing article");
    t.equal(widget?.productCode, "10", "ArticleDefinition ⇒ ProductCode ← Product ⇒ Id");
    t.equal(widget?.articleNumber, "SKU-10", "ArticleDefinition ⇒ ArticleNumber ← Product ⇒ No");
    t.equal(widget?.articleName, "Widget", "ArticleDefinition ⇒ ArticleName ← Product ⇒ Name");
    t.equal(widget?.description, "A blue widget", "ArticleDefinition ⇒ ArticleDescription ← Product ⇒ Description");
    t.equal(widget?.barCodeInfo?.barCode, "7070000000010", "ArticleDefinition ⇒ BarCode ← Product ⇒ EAN1");
    t.equal(widget?.weight, 1.25, "ArticleDefinition ⇒ Weight ← Product ⇒ Weight");

    const gadget = articles.find((a) => a.articleNumber === "SKU-11");
    t.equal(gadget?.productCode, "11", "a second product arrives too");
    t.equal(gadget?.description, null, "a product without a description leaves the article's description empty");
    t.equal(gadget?.barCodeInfo?.barCode ?? null, null, "a product without EAN1 has no bar code");
  });

  await t.test("a product without a number is a failed item, not a crash", async (t) => {
    t.equal(first.status, "partial", "the run finishes, reporting the failure");
    t.equal(first.counts.created, 2);
    t.equal(first.counts.failed, 1);
    const [failed] = itemsOf(first, "failed");
    t.equal(failed.sourceId, "12");
    t.equal(failed.errorClass, "mapping");
    t.match(failed.message, /no product number/);
    const articles = await e2e.ongoing.articles(GOODS_OWNER_ID);
    t.equal(articles.length, 2, "no article is made for it");
    t.notOk(articles.some((a) => a.productCode === "12"));
  });

  await t.test("an unchanged catalogue is resynced without a single article write", async (t) => {
    // Give the product without a number one so the catalogue is clean, and write it once.
    await e2e.finago.seedProducts([{ Id: 12, No: "SKU-12", Name: "Product without a number", EAN1: "7070000000012" }]);
    const fixed = await e2e.sync("articles");
    t.equal(fixed.status, "succeeded", JSON.stringify(fixed.counts));
    t.same(itemsOf(fixed).filter((i) => i.sourceId === "12").map((i) => i.action), ["created"], "the fixed product is created");

    await e2e.ongoing.resetRequestCounts();
    const delta = await e2e.sync("articles");
    t.equal(delta.status, "succeeded");
    t.notOk(delta.counts.created || delta.counts.updated, "nothing created or updated on a delta run");
    const full = await e2e.sync("articles", { fullResync: true });
    t.equal(full.status, "succeeded");
    t.equal(full.counts.unchanged, 3, "a full resync sees every product, all unchanged");
    t.notOk(full.counts.created || full.counts.updated || full.counts.failed);
    const stats = await e2e.ongoing.requests();
    t.equal(stats.byRoute["PUT /articles"] ?? 0, 0, "zero PUT /articles at the Ongoing sandbox");
    t.equal((await e2e.ongoing.articles(GOODS_OWNER_ID)).length, 3);
  });

  await t.test("a changed product is updated in Ongoing", async (t) => {
    await e2e.ongoing.resetRequestCounts();
    await e2e.finago.seedProducts([{ Id: 10, No: "SKU-10", Name: "Widget Mk II", Description: "A blue widget", EAN1: "7070000000010", Weight: 1.5 }]);
    const run = await e2e.sync("articles");
    t.equal(run.status, "succeeded");
    const updated = itemsOf(run).filter((i) => i.sourceId === "10");
    t.same(updated.map((i) => i.action), ["updated"]);
    t.equal(updated[0].targetId, "SKU-10");
    t.equal(run.counts.updated, 1, "only the changed product is written");
    const stats = await e2e.ongoing.requests();
    t.equal(stats.byRoute["PUT /articles"], 1, "one PUT /articles");
    const articles = await e2e.ongoing.articles(GOODS_OWNER_ID);
    t.equal(articles.length, 3, "updated in place, not duplicated");
    const widget = articles.find((a) => a.articleNumber === "SKU-10");
    t.equal(widget?.articleName, "Widget Mk II");
    t.equal(widget?.weight, 1.5);
  });
});
