// SOAP transport to Finago: one `soap` client per service (WSDLs parsed once), the session
// cookie per call, timeouts, error classification, retries of transient failures with backoff,
// the quota quarantine, and a count of every HTTP request made.
import { fileURLToPath } from "node:url";
import * as soap from "soap";
import {
  FinagoAuthenticationError, FinagoError, FinagoFaultError, FinagoQuotaError, FinagoTransientError,
} from "./finago-errors.js";
import { readDateTime } from "./finago-values.js";
import { parseXml, readSoapFault, soapBodyContent, type XmlNode } from "./finago-xml.js";

export interface FinagoLogger {
  debug?(obj: object, msg?: string): void;
  info?(obj: object, msg?: string): void;
  warn?(obj: object, msg?: string): void;
  error?(obj: object, msg?: string): void;
}

export interface FinagoRetryOptions {
  /** Attempts in all for a transient failure, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const FINAGO_SERVICES = {
  authenticate: {
    wsdl: "soap-wsdl-authService.wsdl", path: "/authenticate/v001/authenticate.asmx",
    service: "Authenticate", port: "AuthenticateSoap",
  },
  product: {
    wsdl: "soap-wsdl-productService.wsdl", path: "/Logistics/Product/V001/ProductService.asmx",
    service: "ProductService", port: "ProductServiceSoap",
  },
  invoice: {
    wsdl: "soap-wsdl-invoiceService.wsdl", path: "/Economy/InvoiceOrder/V001/InvoiceService.asmx",
    service: "InvoiceService", port: "InvoiceServiceSoap",
  },
  company: {
    wsdl: "soap-wsdl-companyService.wsdl", path: "/CRM/Company/V001/CompanyService.asmx",
    service: "CompanyService", port: "CompanyServiceSoap",
  },
} as const;
export type FinagoServiceName = keyof typeof FINAGO_SERVICES;

export interface FinagoCallCounts {
  total: number;
  byOperation: Record<string, number>;
}

type SoapCallback = (err: unknown, result: unknown, rawResponse: string) => void;
type SoapMethod = (args: object, cb: SoapCallback, options: object, extraHeaders: Record<string, string>) => void;

const AUTH_FAULT = /not authenticated|authenticate\.asmx\?wsdl|session (?:has )?expired|no valid session/i;
const QUOTA_FAULT = /limit exceeded/i;
const TRANSIENT_CODES = new Set([
  "ECONNABORTED", "ETIMEDOUT", "ECONNRESET", "ECONNREFUSED", "EPIPE", "EAI_AGAIN", "ENOTFOUND",
  "ERR_SOCKET_CONNECTION_TIMEOUT", "UND_ERR_SOCKET", "ERR_BAD_RESPONSE",
]);

/** The time in "… Quarantine ends at <time>", or the next full hour when it cannot be read. */
export function parseQuarantineEnd(message: string, now: Date): Date {
  const m = /quarantine ends at\s*(.+?)\s*\.?\s*$/i.exec(message);
  if (m) {
    const text = m[1];
    const iso = readDateTime(text);
    if (iso) return iso;
    const nordic = /^(\d{1,2})\.(\d{1,2})\.(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
    if (nordic) {
      const [, d, mo, y, h, mi, s = "0"] = nordic;
      return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
    }
  }
  const next = new Date(now);
  next.setUTCMinutes(60, 0, 0);
  return next;
}

function httpStatusOf(err: unknown): number | undefined {
  const status = (err as { response?: { status?: unknown } })?.response?.status;
  return typeof status === "number" ? status : undefined;
}

function faultOf(err: unknown): { faultcode?: string; faultstring: string } | undefined {
  const body = (err as { body?: unknown })?.body;
  if (typeof body === "string") {
    const fault = readSoapFault(body);
    if (fault) return fault;
  }
  const root = (err as { root?: { Envelope?: { Body?: { Fault?: { faultcode?: unknown; faultstring?: unknown } } } } })?.root;
  const fault = root?.Envelope?.Body?.Fault;
  if (fault && fault.faultstring !== undefined) {
    return { faultcode: String(fault.faultcode ?? ""), faultstring: String(fault.faultstring) };
  }
  return undefined;
}

export class FinagoSoapTransport {
  private readonly clients = new Map<FinagoServiceName, Promise<soap.Client>>();
  private readonly counts: FinagoCallCounts = { total: 0, byOperation: {} };
  private quarantineUntil: Date | undefined;

  constructor(private readonly options: {
    baseUrl: string;
    timeoutMs: number;
    retry: FinagoRetryOptions;
    logger?: FinagoLogger;
    now?: () => Date;
  }) {}

  calls(): FinagoCallCounts {
    return { total: this.counts.total, byOperation: { ...this.counts.byOperation } };
  }

  private now(): Date {
    return this.options.now ? this.options.now() : new Date();
  }

  private client(name: FinagoServiceName): Promise<soap.Client> {
    let client = this.clients.get(name);
    if (!client) {
      const def = FINAGO_SERVICES[name];
      const wsdlPath = fileURLToPath(new URL(`./wsdl/${def.wsdl}`, import.meta.url));
      const endpoint = this.options.baseUrl.replace(/\/+$/, "") + def.path;
      client = soap.createClientAsync(wsdlPath, { endpoint });
      client.catch(() => this.clients.delete(name));
      this.clients.set(name, client);
    }
    return client;
  }

  /**
   * Sends one operation and returns the response element (e.g. GetProductsResponse).
   * Transient failures are retried here; faults are classified and thrown.
   */
  async call(service: FinagoServiceName, operation: string, args: object, sessionId?: string): Promise<XmlNode> {
    const { attempts, baseDelayMs, maxDelayMs } = this.options.retry;
    const def = FINAGO_SERVICES[service];
    const client = await this.client(service);
    const port = (client as unknown as Record<string, Record<string, Record<string, SoapMethod>>>)[def.service]?.[def.port];
    const method = port?.[operation];
    if (typeof method !== "function") throw new FinagoError(`unknown operation ${service}.${operation}`, { operation });

    for (let attempt = 1; ; attempt++) {
      if (this.quarantineUntil && this.quarantineUntil > this.now()) {
        throw new FinagoQuotaError(
          `Finago request quota exhausted; blocked until ${this.quarantineUntil.toISOString()}`,
          this.quarantineUntil, { operation },
        );
      }
      this.counts.total++;
      this.counts.byOperation[operation] = (this.counts.byOperation[operation] ?? 0) + 1;
      const started = Date.now();
      try {
        const raw = await new Promise<string>((resolve, reject) => {
          const headers: Record<string, string> = sessionId ? { Cookie: `ASP.NET_SessionId=${sessionId}` } : {};
          method.call(port, args, (err, _result, rawResponse) => (err ? reject(err) : resolve(rawResponse)),
            { timeout: this.options.timeoutMs }, headers);
        });
        this.options.logger?.debug?.({ operation, attempt, ms: Date.now() - started }, "finago call");
        const content = soapBodyContent(parseXml(raw));
        if (!content) throw new FinagoTransientError(`empty SOAP body from ${operation}`, { operation });
        return content.node;
      } catch (err) {
        const classified = this.classify(err, operation);
        const retry = classified instanceof FinagoTransientError && attempt < attempts;
        this.options.logger?.warn?.(
          { operation, attempt, error: classified.name, message: classified.message, retry },
          "finago call failed",
        );
        if (!retry) throw classified;
        const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
        await new Promise((r) => setTimeout(r, delay / 2 + Math.random() * (delay / 2)));
      }
    }
  }

  private classify(err: unknown, operation: string): FinagoError {
    if (err instanceof FinagoError) return err;
    const fault = faultOf(err);
    if (fault) {
      const text = fault.faultstring;
      if (QUOTA_FAULT.test(text)) {
        this.quarantineUntil = parseQuarantineEnd(text, this.now());
        return new FinagoQuotaError(text, this.quarantineUntil, { operation, cause: err });
      }
      if (AUTH_FAULT.test(text)) return new FinagoAuthenticationError(text, { operation, cause: err });
      return new FinagoFaultError(text, { operation, cause: err, faultcode: fault.faultcode });
    }
    const status = httpStatusOf(err);
    if (status !== undefined && (status >= 500 || status === 429 || status === 408)) {
      return new FinagoTransientError(`HTTP ${status} from ${operation}`, { operation, status, cause: err });
    }
    const code = (err as { code?: unknown })?.code;
    const message = err instanceof Error ? err.message : String(err);
    if ((typeof code === "string" && TRANSIENT_CODES.has(code)) || /timeout|socket hang up/i.test(message)) {
      return new FinagoTransientError(`${operation}: ${message}`, { operation, cause: err });
    }
    if (status !== undefined) {
      return new FinagoFaultError(`HTTP ${status} from ${operation}`, { operation, cause: err });
    }
    return new FinagoError(`${operation}: ${message}`, { operation, cause: err });
  }
}
