// The OpenAPI document the service serves, built without a database: routes describe themselves
// from their schemas, so their dependencies are never called while rendering.
import { buildApp, type AppDeps } from "./app.js";

export async function renderOpenApiDocument(): Promise<string> {
  const notCalled = () => {
    throw new Error("not available while rendering the OpenAPI document");
  };
  const deps: AppDeps = {
    adminToken: "unused-token-for-docs",
    cronToken: "unused-token-for-docs",
    webhookBodyLimit: 65536,
    integrations: new Proxy({} as AppDeps["integrations"], { get: () => notCalled }),
    runs: { requestRun: notCalled, tick: notCalled },
    ledger: new Proxy({} as AppDeps["ledger"], { get: () => notCalled }),
    webhooks: new Proxy({} as AppDeps["webhooks"], { get: () => notCalled }),
    readiness: notCalled,
    checkConnections: notCalled,
  };
  const app = await buildApp(deps);
  await app.ready();
  const document = JSON.stringify(app.swagger(), null, 2) + "\n";
  await app.close();
  return document;
}
