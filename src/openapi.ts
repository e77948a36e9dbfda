// The OpenAPI document the service serves, built without a database (routes do not depend on data).
import { buildApp, type AppDeps } from "./app.js";

export async function renderOpenApiDocument(): Promise<string> {
  const unused = () => {
    throw new Error("not available while rendering the OpenAPI document");
  };
  const app = await buildApp(new Proxy({} as AppDeps, { get: (_t, key) => (key === "webhookBodyLimit" ? 65536 : key.toString().endsWith("Token") ? "unused-token-for-docs" : unused) }));
  await app.ready();
  const document = JSON.stringify(app.swagger(), null, 2) + "\n";
  await app.close();
  return document;
}
