// The Finago session: reuse the stored id, check it with HasSession once per run, log in only
// when there is none or it is no longer valid. Finago throttles repeated logins, so a login is
// shared by every call waiting for it and never happens per call.
import { FinagoBadCredentialsError, FinagoFaultError } from "./finago-errors.js";
import type { FinagoLogger, FinagoSoapTransport } from "./finago-soap.js";
import { childText } from "./finago-xml.js";
import { readBoolean } from "./finago-values.js";

export interface FinagoCredentials {
  username: string;
  password: string;
  /** The integration's ApplicationId (a guid from Finago's API support). */
  applicationId: string;
  /** Which identity (client) the session starts in; the user's default when absent. */
  identityId?: string;
}

/** Where the session id lives between runs; the bridge keeps it encrypted per integration. */
export interface FinagoSessionStore {
  load(): Promise<string | undefined>;
  save(sessionId: string): Promise<void>;
}

export function createMemorySessionStore(initial?: string): FinagoSessionStore & { current(): string | undefined } {
  let sessionId = initial;
  return {
    async load() { return sessionId; },
    async save(id: string) { sessionId = id; },
    current() { return sessionId; },
  };
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function validateCredentials(credentials: FinagoCredentials): void {
  if (!credentials || typeof credentials.username !== "string" || credentials.username.trim() === "") {
    throw new FinagoBadCredentialsError("Finago username is missing");
  }
  if (typeof credentials.password !== "string" || credentials.password === "") {
    throw new FinagoBadCredentialsError("Finago password is missing");
  }
  if (typeof credentials.applicationId !== "string" || !GUID.test(credentials.applicationId)) {
    throw new FinagoBadCredentialsError("Finago ApplicationId must be a guid");
  }
  if (credentials.identityId !== undefined && !GUID.test(credentials.identityId)) {
    throw new FinagoBadCredentialsError("Finago IdentityId must be a guid");
  }
}

export class FinagoSession {
  private sessionId: string | undefined;
  private checkedThisRun = false;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly transport: FinagoSoapTransport,
    private readonly credentials: FinagoCredentials,
    private readonly store: FinagoSessionStore,
    private readonly logger?: FinagoLogger,
  ) {}

  /** The next call checks the stored session again (once). */
  beginRun(): void {
    this.checkedThisRun = false;
  }

  /** A session id that is valid as far as this run knows. */
  current(): Promise<string> {
    if (this.sessionId && this.checkedThisRun) return Promise.resolve(this.sessionId);
    return this.singleFlight(async () => {
      // The store first: another connector of this integration may have logged in since.
      const stored = (await this.store.load()) ?? this.sessionId;
      if (stored && (await this.hasSession(stored))) {
        this.sessionId = stored;
        this.checkedThisRun = true;
        return stored;
      }
      return this.login();
    });
  }

  /** Called after an authentication fault with the id that failed; logs in unless another call already did. */
  renew(failedId: string): Promise<string> {
    return this.singleFlight(async () => {
      if (this.sessionId && this.sessionId !== failedId) return this.sessionId;
      // Another connector of this integration may already have logged in: use its session if valid.
      const stored = await this.store.load();
      if (stored && stored !== failedId && (await this.hasSession(stored))) {
        this.sessionId = stored;
        this.checkedThisRun = true;
        return stored;
      }
      return this.login();
    });
  }

  private singleFlight(work: () => Promise<string>): Promise<string> {
    if (!this.pending) {
      this.pending = work().finally(() => { this.pending = undefined; });
    }
    return this.pending;
  }

  private async hasSession(sessionId: string): Promise<boolean> {
    const response = await this.transport.call("authenticate", "HasSession", {}, sessionId);
    return readBoolean(childText(response, "HasSessionResult")) === true;
  }

  private async login(): Promise<string> {
    const { applicationId, identityId, password, username } = this.credentials;
    // Members in the order the WSDL declares: ApplicationId, IdentityId, Password, Username.
    const credential: Record<string, string> = { ApplicationId: applicationId };
    if (identityId) credential.IdentityId = identityId;
    credential.Password = password;
    credential.Username = username;
    let response;
    try {
      response = await this.transport.call("authenticate", "Login", { credential });
    } catch (err) {
      // A throttled login is worth retrying later; a refused identity or credential is not.
      if (err instanceof FinagoFaultError && !/too many|throttl/i.test(err.message) &&
        /identityid|credential|password|username/i.test(err.message)) {
        throw new FinagoBadCredentialsError(`Finago refused the login: ${err.message}`, { operation: "Login", cause: err });
      }
      throw err;
    }
    const sessionId = childText(response, "LoginResult");
    if (!sessionId) {
      this.logger?.warn?.({ username }, "finago login refused: empty LoginResult");
      throw new FinagoBadCredentialsError("Finago refused the username, password or ApplicationId (empty LoginResult)", {
        operation: "Login",
      });
    }
    this.sessionId = sessionId;
    this.checkedThisRun = true;
    await this.store.save(sessionId);
    this.logger?.info?.({ username }, "finago login");
    return sessionId;
  }
}
