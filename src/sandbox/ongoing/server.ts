// Starts the Ongoing WMS sandbox: the REST API under /{warehouse}/api/v1 and the control API
// under /_sandbox/, in one Fastify server.

import Fastify from "fastify";
import type { FastifyError } from "fastify";
import type { OrderStatus } from "../../ongoing/ongoing-types.js";
import { registerControlRoutes } from "./control-routes.js";
import { registerRestRoutes } from "./rest-routes.js";
import { OngoingSandboxState } from "./sandbox-state.js";
import type { SandboxGoodsOwner, SandboxUser } from "./sandbox-state.js";
import { TrafficKnobs } from "./traffic.js";
import { WebhookDispatcher } from "./webhook-dispatcher.js";

export interface OngoingSandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The {warehouse} part of the API URL. */
  warehouse?: string;
  /** API users and the goods owners each may act for. Default: sandbox/sandbox for goods owner 1. */
  users?: SandboxUser[];
  goodsOwners?: Array<Partial<SandboxGoodsOwner> & { id: number }>;
  /** The warehouse's order status list; default the standard list. */
  orderStatuses?: OrderStatus[];
  /** Webhook retry delays are divided by this (e.g. 60000 turns a minute into a millisecond). */
  webhookRetryCompression?: number;
  latencyMs?: number;
  logger?: boolean;
}

export interface RunningOngoingSandbox {
  /** The REST API base, e.g. http://127.0.0.1:PORT/sandboxwh/api/v1 */
  url: string;
  /** Where the control API lives: `${origin}/_sandbox`. */
  controlUrl: string;
  state: OngoingSandboxState;
  traffic: TrafficKnobs;
  webhooks: WebhookDispatcher;
  stop(): Promise<void>;
}

export const DEFAULT_SANDBOX_USER: SandboxUser = { username: "sandbox", password: "sandbox", goodsOwnerIds: [1] };

export async function startOngoingSandbox(options: OngoingSandboxOptions = {}): Promise<RunningOngoingSandbox> {
  const warehouse = options.warehouse ?? "sandboxwh";
  if (!/^[A-Za-z0-9_-]+$/.test(warehouse)) throw new Error(`Invalid warehouse name: ${warehouse}`);
  const state = new OngoingSandboxState({
    users: options.users ?? [DEFAULT_SANDBOX_USER],
    goodsOwners: options.goodsOwners,
    orderStatuses: options.orderStatuses,
  });
  const traffic = new TrafficKnobs();
  traffic.latencyMs = options.latencyMs ?? 0;
  const webhooks = new WebhookDispatcher(state, warehouse, `${warehouse} (sandbox)`);
  webhooks.initialRetryCompression = webhooks.retryCompression = options.webhookRetryCompression ?? 1;
  state.onChange = (change) => webhooks.handle(change);

  const app = Fastify({ logger: options.logger ?? false, forceCloseConnections: true, bodyLimit: 5 * 1024 * 1024 });

  // Ongoing runs on ASP.NET, which reports errors as {"Message": "..."}.
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    const message = status >= 500 ? "An error has occurred." : `The request is invalid. ${error.message}`;
    void reply.code(status).send({ Message: message });
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ Message: `No HTTP resource was found that matches the request URI '${request.url}'.` });
  });

  await app.register(async (api) => registerRestRoutes(api, state, traffic), { prefix: `/${warehouse}/api/v1` });
  await app.register(async (control) => registerControlRoutes(control, state, traffic, webhooks), { prefix: "/_sandbox" });

  const host = options.host ?? "127.0.0.1";
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  return {
    url: `${origin}/${warehouse}/api/v1`,
    controlUrl: `${origin}/_sandbox`,
    state,
    traffic,
    webhooks,
    async stop() {
      webhooks.stop();
      traffic.releaseHanging();
      await app.close();
    },
  };
}
