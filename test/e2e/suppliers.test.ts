// Supplier registry, Finago → Ongoing, over real HTTP against both sandboxes. Ongoing has no
// supplier endpoint: the supplier travels as supplierInfo on the articles naming it, and the
// Ongoing sandbox keeps the supplier it creates from that, readable through its control API.
import t from "tap";
import { startE2E } from "../helpers/e2e.js";

const SUPPLIER = {
  Id: 700,
  Name: "Leverandør AS",
  Type: "Supplier",
  Addresses: { Post: { Street: "Industriveien 7", PostalCode: "1481", City: "HAGAN", Country: "NO" } },
};

t.test("suppliers on: the supplier table arrives in Ongoing, waits for its first article, and follows changes", async (t) => {
  const e2e = await startE2E({ config: { LOG_LEVEL: "error" }, settings: { processes: { suppliers: true } } });
  t.teardown(() => e2e.close());
  await e2e.finago.seedCompanies([
    SUPPLIER,
    { Id: 702, Name: "Kunde AS", Type: "Business", Addresses: { Post: { Street: "Kundegata 2", PostalCode: "0150", City: "OSLO", Country: "NO" } } },
  ]);

  // No article names the supplier yet: it waits, and the ledger says why. The customer is no supplier.
  const waiting = await e2e.sync("suppliers");
  t.equal(waiting.status, "succeeded", JSON.stringify(waiting));
  const skipped = waiting.items.find((i: any) => i.entity === "supplier" && i.sourceId === "700");
  t.equal(skipped?.action, "skipped", "a supplier without articles is skipped");
  t.match(skipped?.message, /no article names this supplier yet; it is sent with its first article/);
  t.notOk(waiting.items.some((i: any) => i.sourceId === "702"), "a Business company is not treated as a supplier");
  t.same(await e2e.ongoing.suppliers(), [], "nothing reached Ongoing while the supplier has no article");

  // Its first article carries it; an article naming the customer carries no supplier.
  await e2e.finago.seedProducts([
    { Id: 10, No: "SKU-10", Name: "Widget", SupplierId: 700 },
    { Id: 11, No: "SKU-11", Name: "Gadget", SupplierId: 702 },
  ]);
  const articles = await e2e.sync("articles");
  t.equal(articles.status, "succeeded", JSON.stringify(articles));
  const sent = articles.items.find((i: any) => i.sourceId === "10");
  t.equal(sent?.detail?.supplierNumber, "700", "the ledger shows the supplier sent with the article");

  const [supplier, ...others] = await e2e.ongoing.suppliers();
  t.equal(others.length, 0, "only the supplier, not the customer, is in Ongoing's supplier registry");
  t.equal(supplier?.supplierNumber, "700", "SupplierNumber ← Company.Id");
  t.equal(supplier?.supplierName, "Leverandør AS", "SupplierName ← Company.Name");
  t.equal(supplier?.address?.address, "Industriveien 7", "Address ← Company.Addresses.Post.Street");
  t.equal(supplier?.address?.postCode, "1481", "PostCode ← Company.Addresses.Post.PostalCode");
  t.equal(supplier?.address?.city, "HAGAN", "City ← Company.Addresses.Post.City");
  t.equal(supplier?.address?.countryCode, "NO", "CountryCode ← Company.Addresses.Post.Country");

  const byNumber = async (n: string) => (await e2e.ongoing.articles(1)).find((a) => a.articleNumber === n);
  const article = await byNumber("SKU-10");
  t.equal(article?.supplierInfo?.supplierNumber, "700", "the article names its supplier by Company.Id");
  t.equal(article?.supplierInfo?.supplierName, "Leverandør AS", "the article carries the supplier's name");
  t.equal((await byNumber("SKU-11"))?.supplierInfo, null, "an article naming a customer has no supplierInfo");

  // Nothing changed: the supplier run writes nothing.
  const calm = await e2e.sync("suppliers", { fullResync: true });
  t.equal(calm.items.find((i: any) => i.sourceId === "700")?.action, "unchanged", "an unchanged supplier is not sent again");
  t.equal(calm.calls.ongoing, 0, "no Ongoing request for an unchanged supplier");

  // A change in Finago reaches Ongoing on the next supplier run.
  await e2e.finago.seedCompanies([{
    ...SUPPLIER,
    Name: "Leverandør Nord AS",
    Addresses: { Post: { Street: "Havnegata 1", PostalCode: "9008", City: "TROMSØ", Country: "NO" } },
  }]);
  const changed = await e2e.sync("suppliers");
  t.equal(changed.status, "succeeded", JSON.stringify(changed));
  const update = changed.items.find((i: any) => i.entity === "supplier" && i.sourceId === "700");
  t.equal(update?.action, "updated");
  t.same(update?.detail?.articles, ["SKU-10"], "the ledger names the articles the change went out on");
  const [updated, ...stillOne] = await e2e.ongoing.suppliers();
  t.equal(stillOne.length, 0, "the supplier is updated, not duplicated");
  t.equal(updated?.supplierNumber, "700");
  t.equal(updated?.supplierName, "Leverandør Nord AS");
  t.equal(updated?.address?.address, "Havnegata 1");
  t.equal(updated?.address?.postCode, "9008");
  t.equal(updated?.address?.city, "TROMSØ");
  t.equal((await byNumber("SKU-10"))?.supplierInfo?.supplierName, "Leverandør Nord AS", "the article shows the new name");
});

t.test("suppliers off (the default): articles go without supplierInfo", async (t) => {
  const e2e = await startE2E({ config: { LOG_LEVEL: "error" } });
  t.teardown(() => e2e.close());
  const integration = await e2e.bridge.call("GET", `/api/integrations/${e2e.integrationId}`);
  t.equal(integration.body.settings.processes.suppliers, false, "the supplier process is off by default");
  await e2e.finago.seedCompanies([SUPPLIER]);
  await e2e.finago.seedProducts([{ Id: 10, No: "SKU-10", Name: "Widget", SupplierId: 700 }]);
  const articles = await e2e.sync("articles");
  t.equal(articles.status, "succeeded", JSON.stringify(articles));
  t.equal(articles.items[0]?.detail?.supplierNumber, undefined, "the ledger shows no supplier sent");
  const [article] = await e2e.ongoing.articles(1);
  t.equal(article?.articleNumber, "SKU-10");
  t.equal(article?.supplierInfo, null, "no supplierInfo reached Ongoing");
  t.same(await e2e.ongoing.suppliers(), [], "Ongoing's supplier registry stays empty");
});
