// Typed client of the sandbox's admin interface, for end-to-end tests, the demo and benchmarks.
import type { CapturedRequest, FaultKind, SandboxConfig, SandboxUser } from "./state.js";

/** Records use WSDL member names; dates are ISO strings. */
export type SandboxJson = Record<string, unknown>;

export interface SandboxCalls {
  total: number;
  byOperation: Record<string, number>;
  quota: { windowStart: string; used: number; limit: number };
}

export interface FaultInjection {
  /** SOAP operation, or "*" for any. */
  operation: string;
  kind: FaultKind;
  count?: number;
  faultstring?: string;
  holdMs?: number;
}

export interface FinagoSandboxAdmin {
  health(): Promise<{ ok: boolean; now: string }>;
  reset(): Promise<void>;
  seedProducts(products: SandboxJson[]): Promise<SandboxJson[]>;
  seedOrders(orders: SandboxJson[]): Promise<SandboxJson[]>;
  seedCompanies(companies: SandboxJson[]): Promise<SandboxJson[]>;
  products(): Promise<SandboxJson[]>;
  product(id: number): Promise<SandboxJson | undefined>;
  orders(): Promise<SandboxJson[]>;
  order(orderId: number): Promise<SandboxJson | undefined>;
  companies(): Promise<SandboxJson[]>;
  addUsers(users: SandboxUser[]): Promise<void>;
  config(): Promise<SandboxConfig>;
  setConfig(patch: Partial<SandboxConfig>): Promise<SandboxConfig>;
  expireSessions(): Promise<number>;
  injectFault(fault: FaultInjection): Promise<void>;
  clearFaults(): Promise<void>;
  calls(): Promise<SandboxCalls>;
  requests(operation?: string): Promise<CapturedRequest[]>;
  clearRequests(): Promise<void>;
}

export function createFinagoSandboxAdmin(baseUrl: string): FinagoSandboxAdmin {
  const root = baseUrl.replace(/\/+$/, "") + "/_sandbox";

  async function request<T>(method: string, path: string, body?: unknown, allow404 = false): Promise<T | undefined> {
    const res = await fetch(root + path, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (allow404 && res.status === 404) return undefined;
    const json = (await res.json()) as unknown;
    if (!res.ok) throw new Error(`sandbox admin ${method} ${path}: ${res.status} ${(json as { error?: string })?.error ?? ""}`);
    return json as T;
  }
  const must = async <T>(p: Promise<T | undefined>) => (await p) as T;

  return {
    health: () => must(request("GET", "/health")),
    reset: async () => { await request("POST", "/reset"); },
    seedProducts: (products) => must(request("POST", "/products", products)),
    seedOrders: (orders) => must(request("POST", "/orders", orders)),
    seedCompanies: (companies) => must(request("POST", "/companies", companies)),
    products: () => must(request("GET", "/products")),
    product: (id) => request("GET", `/products/${id}`, undefined, true),
    orders: () => must(request("GET", "/orders")),
    order: (orderId) => request("GET", `/orders/${orderId}`, undefined, true),
    companies: () => must(request("GET", "/companies")),
    addUsers: async (users) => { await request("POST", "/users", users); },
    config: () => must(request("GET", "/config")),
    setConfig: (patch) => must(request("PATCH", "/config", patch)),
    expireSessions: async () => (await must(request<{ expired: number }>("POST", "/sessions/expire"))).expired,
    injectFault: async (fault) => { await request("POST", "/faults", fault); },
    clearFaults: async () => { await request("DELETE", "/faults"); },
    calls: () => must(request("GET", "/calls")),
    requests: (operation) => must(request("GET", `/requests${operation ? `?operation=${encodeURIComponent(operation)}` : ""}`)),
    clearRequests: async () => { await request("DELETE", "/requests"); },
  };
}
