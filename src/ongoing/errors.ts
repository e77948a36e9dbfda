// Failures of calls to Ongoing WMS. Every error says whether it is `transient` (worth retrying
// later: network trouble, timeouts, 408/429/5xx, malformed success answers) or final (other 4xx,
// requests refused before they were sent), so the sync code can decide without parsing messages.

export abstract class OngoingError extends Error {
  abstract readonly transient: boolean;
}

/** Ongoing answered with a non-2xx status. `message` keeps Ongoing's own text when it sent one. */
export class OngoingHttpError extends OngoingError {
  readonly transient: boolean;
  constructor(
    readonly status: number,
    message: string,
    readonly method: string,
    readonly path: string,
    /** Delay Ongoing asked for with Retry-After, in ms, when it sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "OngoingHttpError";
    this.transient = isTransientStatus(status);
  }
}

/** The connection failed or was reset before a complete answer arrived. */
export class OngoingNetworkError extends OngoingError {
  readonly transient = true;
  constructor(message: string, readonly method: string, readonly path: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "OngoingNetworkError";
  }
}

/** No complete answer within the client's timeout. */
export class OngoingTimeoutError extends OngoingNetworkError {
  constructor(readonly timeoutMs: number, method: string, path: string, options?: { cause?: unknown }) {
    super(`Ongoing did not answer ${method} ${path} within ${timeoutMs} ms`, method, path, options);
    this.name = "OngoingTimeoutError";
  }
}

/**
 * A 2xx answer the bridge cannot use: not JSON, or without the id the call must return
 * (orderId, articleSystemId). Proxies in front of Ongoing are known to do this, and a later
 * attempt usually succeeds, so it is transient; the client does not repeat it by itself.
 */
export class OngoingProtocolError extends OngoingError {
  readonly transient = true;
  constructor(message: string, readonly method: string, readonly path: string, readonly status: number) {
    super(message);
    this.name = "OngoingProtocolError";
  }
}

/** Refused locally, before any request: the arguments break a rule of Ongoing's API. */
export class OngoingRequestError extends OngoingError {
  readonly transient = false;
  constructor(message: string) {
    super(message);
    this.name = "OngoingRequestError";
  }
}

export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export function isTransientOngoingError(err: unknown): boolean {
  return err instanceof OngoingError && err.transient;
}
