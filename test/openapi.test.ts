import { readFileSync } from "node:fs";
import t from "tap";
import { startTestBridge } from "./helpers/bridge.js";

t.test("the committed OpenAPI document is what the service serves", async (t) => {
  const bridge = await startTestBridge();
  t.teardown(() => bridge.close());
  const served = await bridge.call("GET", "/docs/json", { token: null });
  t.equal(served.status, 200);
  const committed = JSON.parse(readFileSync(new URL("../openapi/openapi.json", import.meta.url), "utf8"));
  t.same(served.body, committed, "openapi/openapi.json is stale: run `npm run openapi` and commit it");

  const ui = await bridge.call("GET", "/docs", { token: null });
  t.ok([200, 302].includes(ui.status), "Swagger UI is served at /docs");
});

t.test("every route is described, tagged and lists its errors", async (t) => {
  const doc = JSON.parse(readFileSync(new URL("../openapi/openapi.json", import.meta.url), "utf8"));
  for (const [path, methods] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(methods)) {
      t.ok(op.summary, `${method.toUpperCase()} ${path} has a summary`);
      t.ok(op.tags?.length, `${method.toUpperCase()} ${path} has a tag`);
      const codes = Object.keys(op.responses ?? {});
      if (!path.startsWith("/health")) {
        t.ok(codes.some((c) => c.startsWith("4")), `${method.toUpperCase()} ${path} documents its errors`);
      }
    }
  }
});
