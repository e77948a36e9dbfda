// A recording HTTP proxy in front of the Ongoing sandbox, for the stock tests: it shows which
// query the bridge sent to GET /articles (the sandbox counts routes, not queries), and it can
// rewrite that response where the sandbox cannot produce a case, such as a null quantity.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { request } from "undici";

export interface ProxiedRequest { method: string; path: string; query: URLSearchParams; status: number }

export interface OngoingProxy {
  /** Drop-in for the sandbox's REST URL (same path, the proxy's origin). */
  url: string;
  requests: ProxiedRequest[];
  /** Rewrites the JSON of GET …/articles responses; undefined passes them through. */
  rewriteArticles: ((articles: any[]) => any[]) | undefined;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "host"]);

export async function startOngoingProxy(sandboxApiUrl: string): Promise<OngoingProxy> {
  const target = new URL(sandboxApiUrl);
  const proxy: OngoingProxy = { url: "", requests: [], rewriteArticles: undefined, close: async () => {} };

  const server = createServer((req, res) => {
    void forward(req).then(
      ({ status, headers, body }) => {
        res.writeHead(status, headers);
        res.end(body);
      },
      (err: Error) => {
        res.writeHead(502, { "content-type": "application/json" });
        res.end(JSON.stringify({ Message: `proxy: ${err.message}` }));
      },
    );
  });

  async function forward(req: IncomingMessage) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", target.origin);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (!HOP_BY_HOP.has(name) && typeof value === "string") headers[name] = value;
    }
    const method = req.method ?? "GET";
    const upstream = await request(url, { method: method as "GET", headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
    let body = Buffer.from(await upstream.body.arrayBuffer());
    const isArticleList = method === "GET" && url.pathname.endsWith("/articles");
    if (isArticleList && upstream.statusCode === 200 && proxy.rewriteArticles) {
      body = Buffer.from(JSON.stringify(proxy.rewriteArticles(JSON.parse(body.toString("utf8")))));
    }
    proxy.requests.push({ method, path: url.pathname, query: url.searchParams, status: upstream.statusCode });
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(upstream.headers)) {
      if (!HOP_BY_HOP.has(name) && typeof value === "string") out[name] = value;
    }
    return { status: upstream.statusCode, headers: out, body };
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  proxy.url = `http://127.0.0.1:${port}${target.pathname}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
