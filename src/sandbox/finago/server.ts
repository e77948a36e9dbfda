// The Finago sandbox: the real WSDLs served at the real paths by the `soap` package's server,
// behind a thin front that does what .asmx + Finago's gateway do around each call: sessions by
// cookie, the hourly quota, request logging, latency and injected faults. Its URL is a drop-in
// base URL for the connector.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import * as soap from "soap";
import { handleAdminRequest } from "./admin.js";
import { NOT_AUTHENTICATED_FAULT, sendSoapFault } from "./soap-faults.js";
import { SESSIONLESS_OPERATIONS, SandboxServices } from "./services.js";
import {
  DEFAULT_SANDBOX_CONFIG, DEFAULT_SANDBOX_USER, SandboxState, type CapturedRequest, type SandboxConfig, type SandboxUser,
} from "./state.js";
import { parseWireDate } from "./wire.js";
import { SANDBOX_SERVICES, wsdlText, type SandboxServiceName } from "./wsdl-schema.js";

export interface FinagoSandboxOptions {
  port?: number;
  host?: string;
  config?: Partial<SandboxConfig>;
  /** Users who may log in; a default user when absent. */
  users?: SandboxUser[];
}

export interface FinagoSandbox {
  /** Base URL, e.g. http://127.0.0.1:8081 — pass it as the connector's baseUrl. */
  url: string;
  state: SandboxState;
  /** The SOAP requests received (bodies as sent), optionally of one operation. */
  requests(operation?: string): CapturedRequest[];
  stop(): Promise<void>;
}

const MAX_BODY = 20 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error("request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function operationOf(req: IncomingMessage, body: string): string {
  const action = req.headers.soapaction;
  const fromAction = typeof action === "string" ? action.replace(/"/g, "").split("/").pop() : undefined;
  if (fromAction) return fromAction;
  const fromType = /action="?[^";]*\/(\w+)"?/.exec(String(req.headers["content-type"] ?? ""))?.[1];
  if (fromType) return fromType;
  return /<(?:[\w-]+:)?Body[^>]*>\s*<(?:[\w-]+:)?(\w+)/.exec(body)?.[1] ?? "Unknown";
}

function sessionCookie(req: IncomingMessage): string | undefined {
  return /(?:^|;\s*)ASP\.NET_SessionId=([^;\s]+)/.exec(String(req.headers.cookie ?? ""))?.[1];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startFinagoSandbox(options: FinagoSandboxOptions = {}): Promise<FinagoSandbox> {
  const state = new SandboxState({
    config: { ...DEFAULT_SANDBOX_CONFIG, ...options.config },
    users: options.users ?? [DEFAULT_SANDBOX_USER],
  });
  const services = new SandboxServices(state);
  const server = http.createServer();
  server.on("request", (_req: IncomingMessage, res: ServerResponse) => {
    res.statusCode = 404;
    res.setHeader("Content-Type", "text/plain");
    res.end("Not found");
  });

  // Decimal members across the services: exponent notation in them is refused, like xs:decimal.
  const decimalNames = new Set<string>();
  const names = Object.keys(SANDBOX_SERVICES) as SandboxServiceName[];
  for (const name of names) {
    const soapServer = await new Promise<soap.Server>((resolve, reject) => {
      const created: soap.Server = soap.listen(server, {
        path: SANDBOX_SERVICES[name].path,
        services: services.definitions(name) as unknown as soap.IServices,
        xml: wsdlText(name),
        callback: (err: unknown) => (err ? reject(err) : setImmediate(() => resolve(created))),
      });
    });
    const wsdl = (soapServer as unknown as { wsdl: { xmlnsInEnvelope: string; options: Record<string, unknown> } }).wsdl;
    // The soap server writes xsi:nil but does not declare xsi; .asmx declares both.
    if (!wsdl.xmlnsInEnvelope.includes("xmlns:xsi=")) {
      wsdl.xmlnsInEnvelope += ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"';
    }
    wsdl.options.customDeserializer = { dateTime: (text: string) => parseWireDate(text) ?? new Date(Number.NaN) };
    for (const type of services.wires[name].decimalMemberNames()) decimalNames.add(type);
  }
  const exponentInDecimal = new RegExp(
    `<(?:[\\w-]+:)?(${[...decimalNames].join("|")})>\\s*-?\\d+(?:\\.\\d+)?[eE][+-]?\\d+\\s*<`,
  );

  const soapListeners = server.listeners("request").slice() as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners("request");
  const toSoap = (req: IncomingMessage, res: ServerResponse) => {
    for (const listener of soapListeners) listener.call(server, req, res);
  };
  const held = new Set<NodeJS.Timeout>();
  const byPath = new Map(names.map((n) => [SANDBOX_SERVICES[n].path.toLowerCase(), n]));

  async function handleSoap(req: IncomingMessage, res: ServerResponse, service: SandboxServiceName, url: URL) {
    // IIS paths are case-insensitive; the soap server matches exactly.
    req.url = SANDBOX_SERVICES[service].path + url.search;
    if (req.method !== "POST") return toSoap(req, res);
    const raw = await readBody(req);
    const body = raw.toString("utf8");
    const operation = operationOf(req, body);
    const cookie = sessionCookie(req);
    const captured: CapturedRequest = {
      at: state.now().toISOString(), service, operation,
      soapAction: typeof req.headers.soapaction === "string" ? req.headers.soapaction : undefined,
      contentType: req.headers["content-type"], hadSessionCookie: cookie !== undefined, body,
    };
    state.capture(captured);
    res.on("finish", () => { captured.status = res.statusCode; });

    const quota = state.countRequest(operation);
    res.setHeader("APILimitRemaining", String(quota.remaining));
    res.setHeader("APILimitReset", quota.resetAt.toISOString());
    if (state.config.latencyMs > 0) await sleep(state.config.latencyMs);

    if (quota.over > 0) {
      const ends = quota.resetAt.toISOString().replace(/\.\d{3}Z$/, "Z");
      return sendSoapFault(res, `Limit exceeded by ${quota.over}. Request is blocked. Quarantine ends at ${ends}`);
    }
    const fault = state.takeFault(operation);
    if (fault) {
      switch (fault.kind) {
        case "http500":
        case "http503":
          res.statusCode = fault.kind === "http500" ? 500 : 503;
          res.setHeader("Content-Type", "text/html");
          return res.end(`<html><body><h1>${res.statusCode === 500 ? "Internal Server Error" : "Service Unavailable"}</h1></body></html>`);
        case "reset":
          req.socket.destroy();
          return;
        case "timeout": {
          const timer = setTimeout(() => { held.delete(timer); req.socket.destroy(); }, fault.holdMs ?? 30_000);
          held.add(timer);
          req.socket.once("close", () => { clearTimeout(timer); held.delete(timer); });
          return;
        }
        case "fault":
          return sendSoapFault(res, fault.faultstring ?? "Server was unable to process request. ---> Timeout expired.");
      }
    }
    if (exponentInDecimal.test(body)) {
      return sendSoapFault(res,
        "Server was unable to read request. ---> There is an error in XML document. ---> Input string was not in a correct format.",
        "soap:Client");
    }
    const session = state.touchSession(cookie);
    if (!session && !SESSIONLESS_OPERATIONS.has(operation)) return sendSoapFault(res, NOT_AUTHENTICATED_FAULT);
    services.bindSession(req, session);
    (req as IncomingMessage & { body?: Buffer }).body = raw;
    toSoap(req, res);
  }

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://sandbox");
    const work = url.pathname.startsWith("/_sandbox/")
      ? handleAdminRequest(state, services, req, res, url)
      : byPath.has(url.pathname.toLowerCase().replace(/\/$/, ""))
        ? handleSoap(req, res, byPath.get(url.pathname.toLowerCase().replace(/\/$/, ""))!, url)
        : Promise.resolve(toSoap(req, res));
    work.catch((err: unknown) => {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("Content-Type", "text/plain");
      }
      res.end(String(err instanceof Error ? err.message : err));
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    state,
    requests: (operation) => state.requests.filter((r) => operation === undefined || r.operation === operation),
    stop: async () => {
      for (const timer of held) clearTimeout(timer);
      held.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
