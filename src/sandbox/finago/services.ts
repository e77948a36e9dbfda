// The SOAP operations of the sandbox, written against its in-memory state. Arguments arrive as
// the soap server parsed them (numbers, Dates, wrapper objects for arrays).
import type { IncomingMessage } from "node:http";
import { randomUUID } from "node:crypto";
import type { SandboxSession, SandboxState, SandboxUser } from "./state.js";
import { Wire, type SandboxRecord } from "./wire.js";
import { readSchema, type SandboxServiceName } from "./wsdl-schema.js";

type Args = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Handler = (args: Args, cb: unknown, headers: unknown, req: IncomingMessage) => unknown;

const INT_MIN = -2147483648;
const NIL_GUID = "00000000-0000-0000-0000-000000000000";
const INVOICED_STATES = new Set(["Invoiced", "InvoicedCashAccount", "InvoicedPack"]);
/** Operations that work without a session. */
export const SESSIONLESS_OPERATIONS = new Set([
  "Login", "HasSession", "GetIdentitiesWithCredential", "GetIdentitiesWithCredentialByService", "AuthenticateByToken",
]);

export function soapFault(faultstring: string, faultcode = "soap:Server"): { Fault: object } {
  return { Fault: { faultcode, faultstring, detail: "", statusCode: 500 } };
}

function listOf(wrapper: unknown, item: string): unknown[] {
  if (wrapper === undefined || wrapper === null || typeof wrapper !== "object") return [];
  const v = (wrapper as Args)[item];
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

const intArg = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v !== INT_MIN ? v : undefined);
const dateArg = (v: unknown) => (v instanceof Date && !Number.isNaN(v.getTime()) && v.getUTCFullYear() > 1 ? v : undefined);
const stringArg = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
const after = (value: unknown, since: Date) => value instanceof Date && value.getTime() > since.getTime();

function apiException(message: string, type = "System.Exception"): SandboxRecord {
  return { Type: type, Message: message, StackTrace: "   at Sandbox.Finago.InvoiceService.SaveInvoices()" };
}

export class SandboxServices {
  readonly wires: Record<SandboxServiceName, Wire>;
  readonly operations: Record<SandboxServiceName, string[]>;
  private readonly sessions = new WeakMap<IncomingMessage, SandboxSession>();

  constructor(private readonly state: SandboxState) {
    const names: SandboxServiceName[] = ["Authenticate", "ProductService", "InvoiceService", "CompanyService"];
    const schemas = Object.fromEntries(names.map((n) => [n, readSchema(n)]));
    this.wires = Object.fromEntries(names.map((n) => [n, new Wire(schemas[n])])) as Record<SandboxServiceName, Wire>;
    this.operations = Object.fromEntries(names.map((n) => [n, schemas[n].operations])) as Record<SandboxServiceName, string[]>;
  }

  bindSession(req: IncomingMessage, session: SandboxSession | undefined): void {
    if (session) this.sessions.set(req, session);
  }

  private session(req: IncomingMessage): SandboxSession {
    const session = this.sessions.get(req);
    if (!session) throw soapFault("Not authenticated");
    return session;
  }

  private out(service: SandboxServiceName, type: string, record: SandboxRecord, requested?: (t: string) => ReadonlySet<string> | undefined) {
    return this.wires[service].toWire(type, record, { requested, quirks: this.state.config.quirks });
  }

  /** The object soap.listen needs: Service → Port (SOAP 1.1 and 1.2) → operation. */
  definitions(service: SandboxServiceName): Record<string, Record<string, Record<string, Handler>>> {
    const implemented = this.handlers(service);
    const ops: Record<string, Handler> = {};
    for (const op of this.operations[service]) {
      ops[op] = implemented[op] ?? (() => { throw soapFault(`The sandbox does not implement ${op}`); });
    }
    const port = service === "Authenticate" ? "AuthenticateSoap" : `${service}Soap`;
    return { [service]: { [port]: ops, [`${port}12`]: ops } };
  }

  private handlers(service: SandboxServiceName): Record<string, Handler> {
    switch (service) {
      case "Authenticate": return this.authenticate();
      case "ProductService": return this.productService();
      case "InvoiceService": return this.invoiceService();
      case "CompanyService": return this.companyService();
    }
  }

  // --- Authenticate -------------------------------------------------------------------
  private findUser(credential: Args | undefined): SandboxUser | undefined {
    if (!credential) return undefined;
    const user = this.state.users.get(String(credential.Username ?? "").toLowerCase());
    if (!user || user.password !== credential.Password) return undefined;
    const applicationId = String(credential.ApplicationId ?? "").toLowerCase();
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(applicationId) || applicationId === NIL_GUID) {
      return undefined;
    }
    if (user.applicationIds && !user.applicationIds.map((a) => a.toLowerCase()).includes(applicationId)) return undefined;
    return user;
  }

  private identityRecords(user: SandboxUser, currentId?: string): SandboxRecord[] {
    return user.identities.map((identity, index) => ({
      Id: identity.id,
      User: { ContactId: 1, Id: NIL_GUID, Name: user.username, EmployeeId: 1 },
      Client: { Id: identity.clientId, Name: identity.clientName },
      IsCurrent: identity.id === currentId,
      IsDefault: identity.isDefault ?? index === 0,
      IsProtected: false,
      IsDisabled: identity.blocked ?? false,
    }));
  }

  private authenticate(): Record<string, Handler> {
    const state = this.state;
    const identities = (user: SandboxUser, current?: string) => ({
      Identity: this.identityRecords(user, current).map((r) => this.out("Authenticate", "Identity", r)),
    });
    return {
      Login: (args) => {
        const credential = args.credential as Args | undefined;
        const username = String(credential?.Username ?? "").toLowerCase();
        if (!state.allowLogin(username)) {
          throw soapFault("Too many login attempts with the same credentials. Please try again later.");
        }
        const user = this.findUser(credential);
        if (!user) return { LoginResult: "" };
        const wanted = stringArg(credential?.IdentityId);
        let identity = user.identities.find((i) => i.isDefault) ?? user.identities[0];
        if (wanted && wanted !== NIL_GUID) {
          const chosen = user.identities.find((i) => i.id.toLowerCase() === wanted.toLowerCase());
          if (!chosen || chosen.blocked) {
            throw soapFault("Provided IdentityId is blocked. Please use GetIdentitiesWithCredential to get a list of available Identities and reauthenticate with a valid IdentityId");
          }
          identity = chosen;
        }
        return { LoginResult: state.createSession(user.username, identity.id).id };
      },
      HasSession: (_args, _cb, _h, req) => ({ HasSessionResult: this.sessions.has(req) ? "true" : "false" }),
      GetIdentities: (_args, _cb, _h, req) => {
        const session = this.session(req);
        const user = state.users.get(session.username.toLowerCase())!;
        return { GetIdentitiesResult: identities(user, session.identityId) };
      },
      GetIdentity: (_args, _cb, _h, req) => {
        const session = this.session(req);
        const user = state.users.get(session.username.toLowerCase())!;
        const record = this.identityRecords(user, session.identityId).find((r) => r.Id === session.identityId)!;
        return { GetIdentityResult: this.out("Authenticate", "Identity", record) };
      },
      SetIdentityById: (args, _cb, _h, req) => {
        const session = this.session(req);
        const user = state.users.get(session.username.toLowerCase())!;
        const identity = user.identities.find((i) => i.id.toLowerCase() === String(args.identityId ?? "").toLowerCase());
        if (!identity || identity.blocked) return { SetIdentityByIdResult: "false" };
        session.identityId = identity.id;
        return { SetIdentityByIdResult: "true" };
      },
      GetIdentitiesWithCredential: (args) => {
        const user = this.findUser(args.credential as Args | undefined);
        if (!user) throw soapFault("Invalid credentials");
        return { GetIdentitiesWithCredentialResult: identities(user) };
      },
    };
  }

  // --- ProductService -----------------------------------------------------------------
  private productService(): Record<string, Handler> {
    const state = this.state;
    return {
      GetProducts: (args) => {
        const sp = (args.searchParams ?? {}) as Args;
        const ids = new Set(listOf(sp.ProductIds, "int").map(Number));
        const id = intArg(sp.Id), categoryId = intArg(sp.CategoryId), changed = dateArg(sp.DateChanged);
        const no = stringArg(sp.No), ean = stringArg(sp.EAN1), name = stringArg(sp.Name);
        const requested = new Set(listOf(args.returnProperties, "string").map(String));
        const found = [...state.products.values()].filter((p) =>
          (ids.size === 0 || ids.has(p.Id as number)) && (id === undefined || p.Id === id) &&
          (categoryId === undefined || p.CategoryId === categoryId) && (no === undefined || p.No === no) &&
          (ean === undefined || p.EAN1 === ean) && (name === undefined || p.Name === name) &&
          (changed === undefined || after(p.DateChanged, changed)));
        return {
          GetProductsResult: {
            Product: found.map((p) => this.out("ProductService", "Product", p, (t) => (t === "Product" ? requested : undefined))),
          },
        };
      },
      SetStockQuantity: (args) => {
        const product = state.products.get(Number(args.productId));
        const quantity = Number(args.stockQuantity);
        if (!product || !Number.isFinite(quantity)) return { SetStockQuantityResult: "false" };
        product.Stock = quantity;
        product.DateChanged = state.now();
        return { SetStockQuantityResult: "true" };
      },
      SaveProducts: (args) => {
        const saved = listOf(args.products, "Product").map((input) => {
          const p = { ...(input as Args) } as SandboxRecord;
          for (const [k, v] of Object.entries(p)) if (v === INT_MIN || v === null) delete p[k];
          const existing = typeof p.Id === "number" ? state.products.get(p.Id) : undefined;
          if (!existing && p.CategoryId === undefined) {
            return { ...p, APIException: apiException("CategoryId is required when creating a product") };
          }
          const record = { ...(existing ?? {}), ...p, DateChanged: state.now() } as SandboxRecord;
          if (record.Id === undefined) record.Id = state.nextId(state.products, 1);
          state.products.set(record.Id as number, record);
          return record;
        });
        return { SaveProductsResult: { Product: saved.map((p) => this.out("ProductService", "Product", p)) } };
      },
    };
  }

  // --- InvoiceService -----------------------------------------------------------------
  private invoiceService(): Record<string, Handler> {
    const state = this.state;
    return {
      GetInvoices: (args) => {
        const sp = (args.searchParams ?? {}) as Args;
        const customers = new Set(listOf(sp.CustomerIds, "int").map(Number));
        const orderIds = new Set(listOf(sp.OrderIds, "int").map(Number));
        const invoiceIds = new Set(listOf(sp.InvoiceIds, "int").map(Number));
        const external = new Set(listOf(sp.ExternalStatus, "int").map(Number));
        const states = new Set(listOf(sp.OrderStates, "OrderSlipStateType").map(String));
        const changed = dateArg(sp.ChangedAfter);
        if (orderIds.size > 1000) throw soapFault("Too many OrderIds. Maximum is 1000 per request.");
        const invoiceProps = new Set(listOf(args.invoiceReturnProperties, "string").map(String));
        const rowProps = new Set(listOf(args.rowReturnProperties, "string").map(String));
        const found = [...state.orders.values()].filter((o) =>
          (customers.size === 0 || customers.has(o.CustomerId as number)) &&
          (orderIds.size === 0 || orderIds.has(o.OrderId as number)) &&
          (invoiceIds.size === 0 || invoiceIds.has(o.InvoiceId as number)) &&
          (external.size === 0 || external.has(o.ExternalStatus as number)) &&
          (states.size === 0 || states.has(String(o.OrderStatus ?? "Web"))) &&
          (changed === undefined || after(o.DateChanged, changed)));
        const requested = (t: string) => (t === "InvoiceOrder" ? invoiceProps : t === "InvoiceRow" ? rowProps : undefined);
        return {
          GetInvoicesResult: { InvoiceOrder: found.map((o) => this.out("InvoiceService", "InvoiceOrder", o, requested)) },
        };
      },
      GetOrderSyncList: (args) => {
        const sp = (args.syncParams ?? {}) as Args;
        const registered = dateArg(sp.RegisteredAfter);
        if (sp.RegisteredAfter === undefined) throw soapFault("RegisteredAfter is required", "soap:Client");
        const changed = dateArg(sp.ChangedAfter);
        const ids = [...state.orders.values()]
          .filter((o) => (registered === undefined || after(state.registeredAt.get(`order:${o.OrderId}`), registered)) &&
            (changed === undefined || after(o.DateChanged, changed)))
          .map((o) => String(o.OrderId));
        return { GetOrderSyncListResult: { int: ids } };
      },
      SaveInvoices: (args) => {
        const results = listOf(args.invoices, "InvoiceOrder").map((raw) => this.saveInvoice(raw as Args));
        return { SaveInvoicesResult: { InvoiceOrder: results.map((r) => this.out("InvoiceService", "InvoiceOrder", r)) } };
      },
      GetDeliveryMethods: () => {
        const methods = new Map<number, SandboxRecord>();
        for (const o of state.orders.values()) {
          const m = o.DeliveryMethod as SandboxRecord | undefined;
          if (m && typeof m.Id === "number") methods.set(m.Id, m);
        }
        return {
          GetDeliveryMethodsResult: {
            DeliveryMethod: [...methods.values()].map((m) => this.out("InvoiceService", "DeliveryMethod", m)),
          },
        };
      },
    };
  }

  private saveInvoice(input: Args): SandboxRecord {
    const state = this.state;
    const echo: SandboxRecord = {};
    for (const [k, v] of Object.entries(input)) if (v !== null && v !== INT_MIN && k !== "InvoiceRows") echo[k] = v;
    const orderId = intArg(input.OrderId);
    const customerId = intArg(input.CustomerId);
    const existing = orderId !== undefined ? state.orders.get(orderId) : undefined;
    if (orderId !== undefined && !existing) return { ...echo, APIException: apiException(`Order ${orderId} does not exist`) };
    if (customerId === undefined) return { ...echo, APIException: apiException("CustomerId is required") };
    if (existing && INVOICED_STATES.has(String(existing.OrderStatus))) {
      return {
        ...echo,
        APIException: apiException(`Order ${orderId} is invoiced. It is not possible to change any properties of an order that is marked as Invoiced.`),
      };
    }
    if (existing && existing.CustomerId !== customerId && !state.companies.has(customerId)) {
      return { ...echo, APIException: apiException(`Customer ${customerId} does not exist`) };
    }
    const now = state.now();
    const changes: SandboxRecord = { ...echo };
    delete changes.IncludeVAT;
    delete changes.APIException;
    const record: SandboxRecord = { ...(existing ?? { OrderStatus: "Web", DateOrdered: now, InvoiceRows: [] }), ...changes, DateChanged: now };
    if (record.OrderId === undefined) {
      record.OrderId = state.nextId(state.orders, 10001);
      state.registeredAt.set(`order:${record.OrderId}`, now);
    }
    state.orders.set(record.OrderId as number, record);
    return { OrderId: record.OrderId, CustomerId: record.CustomerId, OrderStatus: record.OrderStatus, DateChanged: now };
  }

  // --- CompanyService -----------------------------------------------------------------
  private companyService(): Record<string, Handler> {
    const state = this.state;
    const emails = (c: SandboxRecord) => Object.values((c.EmailAddresses ?? {}) as Record<string, SandboxRecord>).map((e) => e?.Value);
    const phones = (c: SandboxRecord) => Object.values((c.PhoneNumbers ?? {}) as Record<string, SandboxRecord>).map((p) => p?.Value);
    return {
      GetCompanies: (args) => {
        const sp = (args.searchParams ?? {}) as Args;
        const ids = new Set(listOf(sp.CompanyIds, "int").map(Number));
        const id = intArg(sp.CompanyId), changed = dateArg(sp.ChangedAfter);
        const externalId = stringArg(sp.ExternalId), name = stringArg(sp.CompanyName);
        const email = stringArg(sp.CompanyEmail), phone = stringArg(sp.CompanyPhone), org = stringArg(sp.OrganizationNumber);
        const requested = new Set(listOf(args.returnProperties, "string").map(String));
        const found = [...state.companies.values()].filter((c) =>
          (ids.size === 0 || ids.has(c.Id as number)) && (id === undefined || c.Id === id) &&
          (externalId === undefined || c.ExternalId === externalId) && (name === undefined || c.Name === name) &&
          (org === undefined || c.OrganizationNumber === org) && (email === undefined || emails(c).includes(email)) &&
          (phone === undefined || phones(c).includes(phone)) && (changed === undefined || after(c.DateChanged, changed)));
        return {
          GetCompaniesResult: {
            Company: found.map((c) => this.out("CompanyService", "Company", c, (t) => (t === "Company" ? requested : undefined))),
          },
        };
      },
      GetCompanySyncList: (args) => {
        const sp = (args.syncSearchParameters ?? {}) as Args;
        const page = Math.max(1, intArg(sp.Page) ?? 1);
        const changed = dateArg(sp.ChangedAfter), registered = dateArg(sp.RegisteredAfter);
        const active = typeof sp.Active === "boolean" ? sp.Active : undefined;
        const perPage = 1000;
        const all = [...state.companies.values()].filter((c) =>
          (changed === undefined || after(c.DateChanged, changed)) &&
          (registered === undefined || after(state.registeredAt.get(`company:${c.Id}`), registered)) &&
          (active === undefined || (c.Status !== 0) === active));
        const items = all.slice((page - 1) * perPage, page * perPage).map((c) => this.out("CompanyService", "SyncCompany", {
          CompanyId: c.Id, ExternalId: c.ExternalId, DateChanged: c.DateChanged,
          DateRegistered: state.registeredAt.get(`company:${c.Id}`) ?? c.DateChanged ?? new Date(0), Active: c.Status !== 0,
        }));
        return {
          GetCompanySyncListResult: {
            CurrentPage: String(page), TotalPages: String(Math.ceil(all.length / perPage)),
            TotalItems: String(all.length), ItemsPerPage: String(perPage), Items: { SyncCompany: items },
          },
        };
      },
    };
  }

  /** A fresh guid, for callers that seed identities. */
  static newGuid(): string {
    return randomUUID();
  }
}
