// The sandbox's in-memory Finago tenant: data, users and identities, sessions, the hourly
// quota, injected faults, and the log of every SOAP request received.
import { randomBytes } from "node:crypto";
import type { SandboxRecord } from "./wire.js";

export interface SandboxIdentity {
  id: string;
  clientId: number;
  clientName: string;
  isDefault?: boolean;
  /** Login with this IdentityId fails as "blocked". */
  blocked?: boolean;
}

export interface SandboxUser {
  username: string;
  password: string;
  /** ApplicationIds accepted for this user; any guid when absent. */
  applicationIds?: string[];
  identities: SandboxIdentity[];
}

export interface SandboxConfig {
  /** Sliding session lifetime. */
  sessionTtlMs: number;
  /** Added to the real clock: the sandbox's "now". */
  clockOffsetMs: number;
  /** Delay before every SOAP answer. */
  latencyMs: number;
  /** Requests per clock hour before "Limit exceeded"; Finago's is 7200. */
  quotaPerHour: number;
  /** More logins than `max` for one username within `windowMs` are refused. */
  loginThrottle: { max: number; windowMs: number };
  /** Reproduce the real API's schema breaches (NOTES.md §7): nil sub-objects, APIException first. */
  quirks: boolean;
}

export type FaultKind = "http500" | "http503" | "timeout" | "reset" | "fault";

export interface InjectedFault {
  /** SOAP operation name, or "*" for any. */
  operation: string;
  remaining: number;
  kind: FaultKind;
  /** For kind "fault": the faultstring. */
  faultstring?: string;
  /** For kind "timeout": how long the request hangs before the socket is closed. */
  holdMs?: number;
}

export interface CapturedRequest {
  at: string;
  service: string;
  operation: string;
  soapAction?: string;
  contentType?: string;
  /** Whether an ASP.NET_SessionId cookie came along (its value is never kept). */
  hadSessionCookie: boolean;
  body: string;
  status?: number;
}

export interface SandboxSession {
  id: string;
  username: string;
  identityId: string;
  /** Sessions slide: they expire `sessionTtlMs` after their last use (the TTL in force then). */
  lastUsedAt: number;
}

export const DEFAULT_SANDBOX_USER: SandboxUser = {
  username: "api@sandbox.example",
  password: "sandbox-password",
  identities: [
    { id: "11111111-1111-1111-1111-111111111111", clientId: 1001, clientName: "Sandbox AS", isDefault: true },
    { id: "22222222-2222-2222-2222-222222222222", clientId: 1002, clientName: "Sandbox Lager AS" },
  ],
};

export const DEFAULT_SANDBOX_CONFIG: SandboxConfig = {
  sessionTtlMs: 20 * 60_000,
  clockOffsetMs: 0,
  latencyMs: 0,
  quotaPerHour: 7200,
  loginThrottle: { max: 30, windowMs: 60_000 },
  quirks: true,
};

export class SandboxState {
  products = new Map<number, SandboxRecord>();
  orders = new Map<number, SandboxRecord>();
  companies = new Map<number, SandboxRecord>();
  /** When each order / company was registered (not an InvoiceOrder member; GetOrderSyncList needs it). */
  registeredAt = new Map<string, Date>();
  users = new Map<string, SandboxUser>();
  sessions = new Map<string, SandboxSession>();
  loginTimes = new Map<string, number[]>();
  faults: InjectedFault[] = [];
  requests: CapturedRequest[] = [];
  calls: { total: number; byOperation: Record<string, number> } = { total: 0, byOperation: {} };
  quota = { windowStart: 0, used: 0 };
  config: SandboxConfig;

  constructor(private readonly initial: { config: SandboxConfig; users: SandboxUser[] }) {
    this.config = structuredClone(initial.config);
    for (const user of initial.users) this.users.set(user.username.toLowerCase(), structuredClone(user));
  }

  reset(): void {
    this.products.clear();
    this.orders.clear();
    this.companies.clear();
    this.registeredAt.clear();
    this.sessions.clear();
    this.loginTimes.clear();
    this.faults = [];
    this.requests = [];
    this.calls = { total: 0, byOperation: {} };
    this.quota = { windowStart: 0, used: 0 };
    this.config = structuredClone(this.initial.config);
    this.users.clear();
    for (const user of this.initial.users) this.users.set(user.username.toLowerCase(), structuredClone(user));
  }

  now(): Date {
    return new Date(Date.now() + this.config.clockOffsetMs);
  }

  nextId(map: Map<number, unknown>, start: number): number {
    let max = start - 1;
    for (const id of map.keys()) max = Math.max(max, id);
    return max + 1;
  }

  // --- sessions -----------------------------------------------------------------------
  createSession(username: string, identityId: string): SandboxSession {
    // ASP.NET session ids are 24 lower-case characters.
    const id = randomBytes(18).toString("base64url").toLowerCase().replace(/[^a-z0-5]/g, "a").slice(0, 24);
    const session = { id, username, identityId, lastUsedAt: this.now().getTime() };
    this.sessions.set(id, session);
    return session;
  }

  /** The live session for a cookie value, extending it (sliding expiry). */
  touchSession(id: string | undefined): SandboxSession | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const now = this.now().getTime();
    if (now - session.lastUsedAt >= this.config.sessionTtlMs) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastUsedAt = now;
    return session;
  }

  expireSessions(): number {
    const count = this.sessions.size;
    this.sessions.clear();
    return count;
  }

  /** Records a login attempt; false when the user has logged in too often lately. */
  allowLogin(username: string): boolean {
    const now = this.now().getTime();
    const { max, windowMs } = this.config.loginThrottle;
    const times = (this.loginTimes.get(username) ?? []).filter((t) => t > now - windowMs);
    times.push(now);
    this.loginTimes.set(username, times);
    return times.length <= max;
  }

  // --- quota and counts ---------------------------------------------------------------
  /** Counts one request against the clock hour; returns how far over the limit it is (0 = fine). */
  countRequest(operation: string): { over: number; resetAt: Date; remaining: number } {
    this.calls.total++;
    this.calls.byOperation[operation] = (this.calls.byOperation[operation] ?? 0) + 1;
    const now = this.now();
    const hour = new Date(now);
    hour.setUTCMinutes(0, 0, 0);
    if (this.quota.windowStart !== hour.getTime()) this.quota = { windowStart: hour.getTime(), used: 0 };
    this.quota.used++;
    const resetAt = new Date(hour.getTime() + 3_600_000);
    const limit = this.config.quotaPerHour;
    return { over: Math.max(0, this.quota.used - limit), resetAt, remaining: Math.max(0, limit - this.quota.used) };
  }

  takeFault(operation: string): InjectedFault | undefined {
    const fault = this.faults.find((f) => f.remaining > 0 && (f.operation === operation || f.operation === "*"));
    if (!fault) return undefined;
    fault.remaining--;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return { ...fault };
  }

  capture(request: CapturedRequest): void {
    this.requests.push(request);
    if (this.requests.length > 5000) this.requests.splice(0, this.requests.length - 5000);
  }
}
