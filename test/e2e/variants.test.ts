// Article variants, Finago → Ongoing, over real HTTP against both sandboxes: off by default;
// when on, products whose number follows the pattern carry colour and size and are grouped by
// their base; others stay plain; a bad pattern is refused by the admin API.
import t from "tap";
import { startE2E, type E2E } from "../helpers/e2e.js";

const PATTERN = "^(?<base>[A-Z]+-\\d+)-(?<color>[A-Z]+)-(?<size>XS|S|M|L|XL)$";
const PRODUCTS = [
  { Id: 1, No: "TS-100-RED-M", Name: "T-shirt red M" },
  { Id: 2, No: "TS-100-BLUE-L", Name: "T-shirt blue L" },
  { Id: 3, No: "TS-200-RED-S", Name: "Long sleeve red S" },
  { Id: 4, No: "MUG-1", Name: "Mug" },
  { Id: 5, No: "TS-100-RED-XXL", Name: "Size outside the pattern" },
];

async function articlesByNumber(e2e: E2E) {
  return new Map((await e2e.ongoing.articles(1)).map((a: any) => [a.articleNumber, a]));
}

t.test("article variants", async (t) => {
  const e2e = await startE2E({ config: { LOG_LEVEL: "error" } });
  t.teardown(() => e2e.close());
  await e2e.finago.seedProducts(PRODUCTS);

  await t.test("off (the default): every product is a plain article without colour or size", async (t) => {
    const integration = await e2e.bridge.call("GET", `/api/integrations/${e2e.integrationId}`);
    t.same(integration.body.settings.articleVariants, { enabled: false, pattern: null });
    const run = await e2e.sync("articles");
    t.equal(run.status, "succeeded", JSON.stringify(run));
    t.equal(run.counts.created, PRODUCTS.length);
    const articles = await articlesByNumber(e2e);
    for (const { No } of PRODUCTS) {
      const a = articles.get(No);
      t.ok(a, `${No} is in Ongoing`);
      t.equal(a?.articleColor, null, `${No} has no colour`);
      t.equal(a?.articleSize, null, `${No} has no size`);
      t.equal(a?.articleGroup, null, `${No} has no group`);
    }
  });

  await t.test("on: matching numbers give colour and size, grouped by base; the rest stay plain", async (t) => {
    await e2e.updateSettings({ articleVariants: { enabled: true, pattern: PATTERN } });
    const run = await e2e.sync("articles", { fullResync: true });
    t.equal(run.status, "succeeded", JSON.stringify(run));
    const actions = Object.fromEntries(run.items.map((i: any) => [i.targetId, i.action]));
    t.same(actions, { "TS-100-RED-M": "updated", "TS-100-BLUE-L": "updated", "TS-200-RED-S": "updated", "MUG-1": "unchanged", "TS-100-RED-XXL": "unchanged" },
      "only the variants change");
    const articles = await articlesByNumber(e2e);
    t.match(articles.get("TS-100-RED-M"), { articleColor: { code: "RED" }, articleSize: { code: "M" }, articleGroup: { code: "TS-100" } });
    t.match(articles.get("TS-100-BLUE-L"), { articleColor: { code: "BLUE" }, articleSize: { code: "L" }, articleGroup: { code: "TS-100" } });
    t.match(articles.get("TS-200-RED-S"), { articleColor: { code: "RED" }, articleSize: { code: "S" }, articleGroup: { code: "TS-200" } });
    const group = [...articles.values()].filter((a: any) => a.articleGroup?.code === "TS-100").map((a: any) => a.articleNumber).sort();
    t.same(group, ["TS-100-BLUE-L", "TS-100-RED-M"], "the variants of one article share their base's group");
    for (const plain of ["MUG-1", "TS-100-RED-XXL"]) {
      t.match(articles.get(plain), { articleColor: null, articleSize: null, articleGroup: null }, `${plain} does not match and stays plain`);
    }
    t.equal(articles.size, PRODUCTS.length, "one Ongoing article per Finago product");

    // A new variant arriving later is grouped with its siblings.
    await e2e.finago.seedProducts([{ Id: 6, No: "TS-100-GREEN-XS", Name: "T-shirt green XS" }]);
    const later = await e2e.sync("articles");
    t.equal(later.items.find((i: any) => i.sourceId === "6")?.action, "created");
    t.match((await articlesByNumber(e2e)).get("TS-100-GREEN-XS"), { articleColor: { code: "GREEN" }, articleSize: { code: "XS" }, articleGroup: { code: "TS-100" } });
  });

  await t.test("an invalid pattern is refused by the admin API", async (t) => {
    const patch = (articleVariants: object) =>
      e2e.bridge.call("PATCH", `/api/integrations/${e2e.integrationId}`, { body: { settings: { articleVariants } } });
    for (const [what, articleVariants, reason] of [
      ["not a regular expression", { enabled: true, pattern: "(?<base>[A-Z]+" }, /not a valid regular expression/],
      ["without the named groups", { enabled: true, pattern: "^(?<base>[A-Z]+)-(\\w+)$" }, /named groups base, color and size \(missing: color, size\)/],
      ["on without a pattern", { enabled: true, pattern: null }, /required/],
    ] as const) {
      const res = await patch(articleVariants);
      t.equal(res.status, 400, what);
      t.equal(res.body.field, "settings.articleVariants.pattern", `${what}: the error names the setting`);
      t.match(res.body.message, reason, `${what}: and says why`);
    }
    const created = await e2e.bridge.call("POST", "/api/integrations", {
      body: {
        name: "Bad pattern",
        finago: { baseUrl: e2e.finagoSandbox.url, username: "u@example.com", password: "p", applicationId: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee" },
        ongoing: { baseUrl: e2e.ongoingSandbox.url, username: "sandbox", password: "sandbox", goodsOwnerId: 2 },
        settings: { articleVariants: { enabled: true, pattern: "[" } },
      },
    });
    t.equal(created.status, 400, "a new integration with a bad pattern is refused too");
    t.equal(created.body.field, "settings.articleVariants.pattern");
    const after = await e2e.bridge.call("GET", `/api/integrations/${e2e.integrationId}`);
    t.same(after.body.settings.articleVariants, { enabled: true, pattern: PATTERN }, "the stored setting is unchanged");
  });
});
