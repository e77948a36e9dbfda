// The sandbox's JSON admin interface under /_sandbox/: seed and read data, change the clock,
// session lifetime, latency and quota, inject faults, read call counts and captured requests.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { SandboxServices } from "./services.js";
import type { FaultKind, InjectedFault, SandboxState, SandboxUser } from "./state.js";
import { WireError, recordToJson, type SandboxRecord } from "./wire.js";

class AdminError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

const FAULT_KINDS: FaultKind[] = ["http500", "http503", "timeout", "reset", "fault"];

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 20 * 1024 * 1024) throw new AdminError(413, "body too large");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AdminError(400, "body is not JSON");
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.end(JSON.stringify(recordToJson(body)));
}

function asList(body: unknown, key: string): unknown[] {
  if (Array.isArray(body)) return body;
  if (body && typeof body === "object" && Array.isArray((body as Record<string, unknown>)[key])) {
    return (body as Record<string, unknown[]>)[key];
  }
  if (body && typeof body === "object") return [body];
  throw new AdminError(400, `expected an object, an array or {"${key}": [...]}`);
}

function nonNegative(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new AdminError(400, `${name} must be a number ≥ 0`);
  return value;
}

export async function handleAdminRequest(
  state: SandboxState, services: SandboxServices, req: IncomingMessage, res: ServerResponse, url: URL,
): Promise<void> {
  try {
    const parts = url.pathname.replace(/^\/_sandbox\/?/, "").split("/").filter(Boolean);
    const [resource, idText] = parts;
    const method = req.method ?? "GET";
    const body = method === "GET" || method === "DELETE" ? undefined : await readJson(req);
    const now = state.now();

    const collections = {
      products: { map: state.products, type: "Product", service: services.wires.ProductService, idKey: "Id", firstId: 1 },
      orders: { map: state.orders, type: "InvoiceOrder", service: services.wires.InvoiceService, idKey: "OrderId", firstId: 10001 },
      companies: { map: state.companies, type: "Company", service: services.wires.CompanyService, idKey: "Id", firstId: 5001 },
    } as const;

    if (resource && resource in collections) {
      const c = collections[resource as keyof typeof collections];
      if (method === "GET" && idText) {
        const record = c.map.get(Number(idText));
        if (!record) throw new AdminError(404, `${resource} ${idText} not found`);
        return send(res, 200, record);
      }
      if (method === "GET") return send(res, 200, [...c.map.values()]);
      if (method === "POST") {
        const saved = asList(body, resource).map((json) => {
          const record: SandboxRecord = c.service.fromJson(c.type, json);
          if (record[c.idKey] === undefined) record[c.idKey] = state.nextId(c.map, c.firstId);
          if (!Number.isInteger(record[c.idKey]) || (record[c.idKey] as number) < 1) {
            throw new AdminError(400, `${c.idKey} must be a positive integer`);
          }
          record.DateChanged ??= now;
          const id = record[c.idKey] as number;
          if (resource === "orders") {
            record.OrderStatus ??= "Web";
            record.DateOrdered ??= now;
            const rows = (record.InvoiceRows ?? []) as SandboxRecord[];
            rows.forEach((row, i) => { row.RowId ??= i + 1; row.Type ??= "Normal"; });
            record.InvoiceRows = rows;
            state.registeredAt.set(`order:${id}`, record.DateOrdered as Date);
          } else if (resource === "companies") {
            state.registeredAt.set(`company:${id}`, (record.DateCreated as Date | undefined) ?? now);
          }
          c.map.set(id, record);
          return record;
        });
        return send(res, 201, saved);
      }
      if (method === "DELETE" && idText) {
        c.map.delete(Number(idText));
        return send(res, 200, { deleted: Number(idText) });
      }
    }

    switch (`${method} ${resource ?? ""}`) {
      case "GET health":
        return send(res, 200, { ok: true, now });
      case "POST reset":
        state.reset();
        return send(res, 200, { reset: true });
      case "GET config":
        return send(res, 200, state.config);
      case "PATCH config":
      case "POST config": {
        const patch = (body ?? {}) as Record<string, unknown>;
        const config = { ...state.config };
        for (const key of ["sessionTtlMs", "latencyMs", "quotaPerHour"] as const) {
          if (patch[key] !== undefined) config[key] = nonNegative(patch[key], key);
        }
        if (patch.clockOffsetMs !== undefined) {
          if (typeof patch.clockOffsetMs !== "number" || !Number.isFinite(patch.clockOffsetMs)) {
            throw new AdminError(400, "clockOffsetMs must be a number");
          }
          config.clockOffsetMs = patch.clockOffsetMs;
        }
        if (patch.quirks !== undefined) {
          if (typeof patch.quirks !== "boolean") throw new AdminError(400, "quirks must be a boolean");
          config.quirks = patch.quirks;
        }
        if (patch.loginThrottle !== undefined) {
          const t = patch.loginThrottle as Record<string, unknown>;
          config.loginThrottle = { max: nonNegative(t?.max, "loginThrottle.max"), windowMs: nonNegative(t?.windowMs, "loginThrottle.windowMs") };
        }
        state.config = config;
        return send(res, 200, config);
      }
      case "POST users": {
        const users = asList(body, "users").map((u) => {
          const user = u as SandboxUser;
          if (typeof user?.username !== "string" || typeof user.password !== "string" || !Array.isArray(user.identities) || user.identities.length === 0) {
            throw new AdminError(400, "a user needs username, password and at least one identity");
          }
          state.users.set(user.username.toLowerCase(), structuredClone(user));
          return { username: user.username, identities: user.identities.length };
        });
        return send(res, 201, users);
      }
      case "POST sessions": // POST /_sandbox/sessions/expire
        if (idText === "expire") return send(res, 200, { expired: state.expireSessions() });
        break;
      case "GET sessions":
        return send(res, 200, { active: [...state.sessions.values()].filter((s) => now.getTime() - s.lastUsedAt < state.config.sessionTtlMs).length });
      case "GET faults":
        return send(res, 200, state.faults);
      case "POST faults": {
        const faults = asList(body, "faults").map((f) => {
          const fault = f as Partial<InjectedFault> & { count?: number };
          if (typeof fault.operation !== "string" || fault.operation === "") throw new AdminError(400, "operation is required (or \"*\")");
          if (!FAULT_KINDS.includes(fault.kind as FaultKind)) throw new AdminError(400, `kind must be one of ${FAULT_KINDS.join(", ")}`);
          const count = fault.count ?? fault.remaining ?? 1;
          if (!Number.isInteger(count) || count < 1) throw new AdminError(400, "count must be a positive integer");
          const injected: InjectedFault = { operation: fault.operation, kind: fault.kind as FaultKind, remaining: count };
          if (typeof fault.faultstring === "string") injected.faultstring = fault.faultstring;
          if (fault.holdMs !== undefined) injected.holdMs = nonNegative(fault.holdMs, "holdMs");
          state.faults.push(injected);
          return injected;
        });
        return send(res, 201, faults);
      }
      case "DELETE faults":
        state.faults = [];
        return send(res, 200, { cleared: true });
      case "GET calls":
        return send(res, 200, {
          ...state.calls,
          quota: { windowStart: new Date(state.quota.windowStart), used: state.quota.used, limit: state.config.quotaPerHour },
        });
      case "GET requests": {
        const operation = url.searchParams.get("operation");
        return send(res, 200, state.requests.filter((r) => !operation || r.operation === operation));
      }
      case "DELETE requests":
        state.requests = [];
        return send(res, 200, { cleared: true });
    }
    throw new AdminError(404, `no admin route ${method} ${url.pathname}`);
  } catch (err) {
    if (err instanceof AdminError) return send(res, err.status, { error: err.message });
    if (err instanceof WireError) return send(res, 400, { error: err.message });
    throw err;
  }
}
