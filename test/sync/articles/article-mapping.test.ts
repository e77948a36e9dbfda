import t from "tap";
import { articleNumberOfProduct, mapProductToArticle } from "../../../src/sync/articles/article-mapping.js";
import { DEFAULT_SETTINGS, mergeSettings, type IntegrationSettings } from "../../../src/integrations/integration-settings.js";
import type { FinagoCompany, FinagoProduct } from "../../../src/finago/finago-types.js";
import type { PostArticleModel } from "../../../src/ongoing/ongoing-types.js";

const GOODS_OWNER_ID = 159;

const product: FinagoProduct = {
  Id: 4711,
  No: "TS-100",
  Name: "T-shirt",
  Description: "Organic cotton",
  EAN1: "7012345678901",
  Weight: 0.25,
};

const supplier: FinagoCompany = {
  Id: 88,
  Name: "Nordic Textiles AS",
  Type: "Supplier",
  Addresses: { Post: { Street: "Storgata 1", PostalCode: "0155", City: "Oslo", Country: "NO" } },
};

function mapped(p: FinagoProduct, settings: IntegrationSettings = DEFAULT_SETTINGS, extra: { supplier?: FinagoCompany } = {}): PostArticleModel {
  const result = mapProductToArticle(p, { goodsOwnerId: GOODS_OWNER_ID, settings, ...extra });
  if (!result.ok) throw new Error(`expected a mapped article, got: ${result.reason}`);
  return result.article;
}

t.test("article table of the product description", async (t) => {
  const article = mapped(product);
  t.equal(article.productCode, "4711", "ArticleDefinition ⇒ ProductCode ← Product ⇒ Id (as text)");
  t.equal(article.articleNumber, "TS-100", "ArticleDefinition ⇒ ArticleNumber ← Product ⇒ No");
  t.equal(article.articleName, "T-shirt", "ArticleDefinition ⇒ ArticleName ← Product ⇒ Name");
  t.equal(article.description, "Organic cotton", "ArticleDefinition ⇒ ArticleDescription ← Product ⇒ Description");
  t.equal(article.barCodeInfo?.barCode, "7012345678901", "ArticleDefinition ⇒ BarCode ← Product ⇒ EAN1");
  t.equal(article.weight, 0.25, "ArticleDefinition ⇒ Weight ← Product ⇒ Weight");
  t.equal(article.goodsOwnerId, GOODS_OWNER_ID, "goodsOwnerId is the integration's goods owner");
});

t.test("the whole body, nothing more", async (t) => {
  t.strictSame(mapped(product), {
    goodsOwnerId: GOODS_OWNER_ID,
    articleNumber: "TS-100",
    productCode: "4711",
    articleName: "T-shirt",
    description: "Organic cotton",
    barCodeInfo: { barCode: "7012345678901" },
    weight: 0.25,
  });
});

t.test("absent values are left out, not sent empty, so Ongoing keeps what it has", async (t) => {
  const article = mapped({ Id: 1, No: "A-1", Name: "", Description: "   ", EAN1: undefined });
  t.strictSame(article, { goodsOwnerId: GOODS_OWNER_ID, articleNumber: "A-1", productCode: "1" });
  t.notOk("barCodeInfo" in article, "no empty barCodeInfo");
  t.notOk("weight" in article, "no weight");
});

t.test("a weight of zero is a weight", async (t) => {
  t.equal(mapped({ ...product, Weight: 0 }).weight, 0);
});

t.test("a product without a number is refused with a reason naming it", async (t) => {
  for (const No of [undefined, "", "   "]) {
    const result = mapProductToArticle({ Id: 77, No }, { goodsOwnerId: GOODS_OWNER_ID, settings: DEFAULT_SETTINGS });
    t.equal(result.ok, false, `No = ${JSON.stringify(No)}`);
    if (!result.ok) t.match(result.reason, /product 77 .*number/, "the reason names the product");
  }
  t.equal(articleNumberOfProduct({ No: "  X-1 " }), "X-1", "surrounding blanks are not part of the number");
});

t.test("supplier", async (t) => {
  const article = mapped(product, DEFAULT_SETTINGS, { supplier });
  t.strictSame(article.supplierInfo, {
    supplierNumber: "88",
    supplierName: "Nordic Textiles AS",
    advanced: {
      supplierAddress: { name: "Nordic Textiles AS", address: "Storgata 1", postCode: "0155", city: "Oslo", countryCode: "NO" },
    },
  }, "a supplier company travels as supplierInfo");
  t.notOk("supplierInfo" in mapped(product), "no supplier, no supplierInfo");
  t.notOk("supplierInfo" in mapped(product, DEFAULT_SETTINGS, { supplier: { ...supplier, Type: "Business" } }),
    "a company that is not a supplier is not sent as one");
});

t.test("article variants", async (t) => {
  const variantsOn = mergeSettings(DEFAULT_SETTINGS, {
    articleVariants: { enabled: true, pattern: "^(?<base>[A-Z]+-\\d+)-(?<color>[A-Z]+)-(?<size>XS|S|M|L|XL)$" },
  });

  t.test("on, matching number: colour, size and grouped by base", async (t) => {
    const article = mapped({ ...product, No: "TS-100-RED-M" }, variantsOn);
    t.equal(article.articleNumber, "TS-100-RED-M", "each variant stays its own article");
    t.strictSame(article.articleColor, { code: "RED" }, "articleColor ← the pattern's color group");
    t.strictSame(article.articleSize, { code: "M" }, "articleSize ← the pattern's size group");
    t.strictSame(article.articleGroup, { code: "TS-100", name: "TS-100" }, "articleGroup ← the pattern's base group");
  });

  t.test("on, number not matching: a plain article", async (t) => {
    const article = mapped({ ...product, No: "GIFTCARD" }, variantsOn);
    t.notOk("articleColor" in article || "articleSize" in article || "articleGroup" in article);
    t.equal(article.articleNumber, "GIFTCARD");
  });

  t.test("off: never, even with a pattern that would match", async (t) => {
    const off = mergeSettings(variantsOn, { articleVariants: { enabled: false } });
    const article = mapped({ ...product, No: "TS-100-RED-M" }, off);
    t.notOk("articleColor" in article || "articleSize" in article || "articleGroup" in article);
  });

  t.test("default settings: off", async (t) => {
    const article = mapped({ ...product, No: "TS-100-RED-M" });
    t.notOk("articleColor" in article || "articleSize" in article || "articleGroup" in article);
  });

  t.test("optional groups: only what the number gives", async (t) => {
    const optional = mergeSettings(DEFAULT_SETTINGS, {
      articleVariants: { enabled: true, pattern: "^(?<base>\\w+)(?:/(?<color>\\w+))?(?:/(?<size>\\w+))?$" },
    });
    const colourOnly = mapped({ ...product, No: "CAP" + "/BLUE" }, optional);
    t.strictSame(colourOnly.articleColor, { code: "BLUE" });
    t.notOk("articleSize" in colourOnly);
    t.notOk("articleGroup" in mapped({ ...product, No: "CAP" }, optional), "a base alone is not a variant");
  });

  t.test("an invalid pattern fails the item instead of guessing", async (t) => {
    const broken = mergeSettings(DEFAULT_SETTINGS, { articleVariants: { enabled: true, pattern: "(?<base>[" } });
    const result = mapProductToArticle(product, { goodsOwnerId: GOODS_OWNER_ID, settings: broken });
    t.equal(result.ok, false);
    if (!result.ok) t.match(result.reason, /variant pattern/);
  });
});

t.test("extra field mappings of scope article", async (t) => {
  const settings = mergeSettings(DEFAULT_SETTINGS, {
    extraFieldMappings: [
      { source: "Product.Price", target: "article.customerPrice" },
      { source: "Product.InPrice", target: "article.purchasePrice" },
      { source: "Product.SupplierProductCode", target: "article.supplierInfo.supplierArticleNumber" },
      { source: "InvoiceRow.Price", target: "orderLine.prices.linePrice" },
    ],
  });
  const article = mapped({ ...product, Price: 199.5, InPrice: 80, SupplierProductCode: "NT-55" }, settings, { supplier });
  t.equal(article.customerPrice, 199.5, "Product.Price → article.customerPrice, a number");
  t.equal(article.purchasePrice, 80, "Product.InPrice → article.purchasePrice");
  t.equal(article.supplierInfo?.supplierArticleNumber, "NT-55", "joins the supplierInfo of the supplier mapping");
  t.equal(article.supplierInfo?.supplierNumber, "88", "without replacing it");
  t.notOk("prices" in article, "mappings of other scopes do not touch articles");
});
