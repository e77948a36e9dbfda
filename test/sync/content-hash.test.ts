import t from "tap";
import { canonicalJson, contentHash } from "../../src/sync/content-hash.js";

t.test("sha256 hex of canonical JSON", async (t) => {
  t.match(contentHash({ a: 1 }), /^[0-9a-f]{64}$/);
  t.equal(contentHash({ a: 1 }), "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862", "sha256 of {\"a\":1}");
});

t.test("key order does not matter, at any depth", async (t) => {
  const one = { articleNumber: "A", barCodeInfo: { barCode: "1", x: [1, { b: 2, a: 1 }] }, weight: 2 };
  const two = { weight: 2, barCodeInfo: { x: [1, { a: 1, b: 2 }], barCode: "1" }, articleNumber: "A" };
  t.equal(contentHash(one), contentHash(two));
  t.equal(canonicalJson(two), '{"articleNumber":"A","barCodeInfo":{"barCode":"1","x":[1,{"a":1,"b":2}]},"weight":2}');
});

t.test("any difference in content changes the hash", async (t) => {
  const base = { articleNumber: "A", weight: 2 };
  t.not(contentHash(base), contentHash({ ...base, weight: 2.5 }), "a value");
  t.not(contentHash(base), contentHash({ ...base, articleName: "x" }), "a member added");
  t.not(contentHash({ x: [1, 2] }), contentHash({ x: [2, 1] }), "array order counts");
  t.not(contentHash({ x: "1" }), contentHash({ x: 1 }), "a type");
});

t.test("members JSON leaves out are left out", async (t) => {
  t.equal(contentHash({ a: 1, b: undefined }), contentHash({ a: 1 }));
  t.equal(canonicalJson({ d: new Date("2025-01-02T03:04:05Z") }), '{"d":"2025-01-02T03:04:05.000Z"}');
});
