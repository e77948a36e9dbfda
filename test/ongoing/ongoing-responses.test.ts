// What Ongoing answers is checked before the bridge acts on it: an order or article without the
// members the sync needs is a protocol error, not a crash further down.
import http from "node:http";
import type { AddressInfo } from "node:net";
import t from "tap";
import { createOngoingClient, collect } from "../../src/ongoing/ongoing-client.js";
import { OngoingProtocolError } from "../../src/ongoing/errors.js";

t.test("orders and articles missing what the bridge needs are refused", async (t) => {
  const answers: Record<string, unknown> = {
    "/wh/api/v1/orders/7": { orderInfo: { orderId: 7, orderNumber: "7", orderStatus: null } },
    "/wh/api/v1/orders/8": { orderInfo: { orderId: 8, orderStatus: { number: 450 } } },
    "/wh/api/v1/orders/9": { orderInfo: { orderId: 9, orderNumber: "9", orderStatus: { number: 450, text: null } }, tracking: null },
    "/wh/api/v1/orders": [{ orderInfo: { orderId: 1, orderNumber: "1", orderStatus: { number: "450" } } }],
    "/wh/api/v1/articles": [{ articleSystemId: 3, articleNumber: null, inventoryInfo: null }],
  };
  const server = http.createServer((req, res) => {
    const path = new URL(req.url!, "http://x").pathname;
    const query = new URL(req.url!, "http://x").searchParams;
    // A second page is empty, as Ongoing's ID-cursor paging ends.
    const body = (query.get("orderIdFrom") ?? query.get("articleSystemIdFrom") ?? "0") !== "0" ? [] : answers[path];
    res.writeHead(body === undefined ? 404 : 200, { "content-type": "application/json" });
    res.end(JSON.stringify(body ?? { Message: "not found" }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  t.teardown(() => new Promise<void>((r) => server.close(() => r())));
  const client = createOngoingClient({
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wh/api/v1`,
    username: "u", password: "p", goodsOwnerId: 1, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  });
  t.teardown(() => client.close());

  await t.rejects(client.getOrder(7), OngoingProtocolError, "an order status of null");
  await t.rejects(client.getOrder(7), /orderInfo\.orderStatus\.number/);
  await t.rejects(client.getOrder(8), /orderInfo\.orderNumber/, "an order without its number");
  t.equal((await client.getOrder(9)).orderInfo.orderStatus.number, 450, "null elsewhere is fine");
  await t.rejects(collect(client.listOrders({ pageSize: 10 })), /orderInfo\.orderStatus\.number/, "listed orders are checked too");
  await t.rejects(collect(client.listArticles({ pageSize: 10 })), /without articleNumber/, "and listed articles");
});
