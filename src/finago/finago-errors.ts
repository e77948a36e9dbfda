// Error classes of the Finago connector. Callers branch on the class, never on the message:
// authentication → log in again, bad credentials → stop and tell the operator, quota → wait
// until `retryAfter`, transient → retry later, record → that one item failed, the rest went on.

export class FinagoError extends Error {
  readonly operation?: string;
  constructor(message: string, options: { operation?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.operation = options.operation;
  }
}

/** The session is missing or no longer valid (a SOAP fault saying so). */
export class FinagoAuthenticationError extends FinagoError {}

/** Login answered with an empty LoginResult, or refused the identity: retrying will not help. */
export class FinagoBadCredentialsError extends FinagoError {}

/** The hourly request quota is exhausted; Finago blocks every request until `retryAfter`. */
export class FinagoQuotaError extends FinagoError {
  readonly retryAfter: Date;
  constructor(message: string, retryAfter: Date, options: { operation?: string; cause?: unknown } = {}) {
    super(message, options);
    this.retryAfter = retryAfter;
  }
}

/** Timeouts, connection errors and HTTP 5xx answers that are not SOAP faults. */
export class FinagoTransientError extends FinagoError {
  readonly status?: number;
  constructor(message: string, options: { operation?: string; cause?: unknown; status?: number } = {}) {
    super(message, options);
    this.status = options.status;
  }
}

/** Any other SOAP fault: the request itself was refused; retrying the same request will not help. */
export class FinagoFaultError extends FinagoError {
  readonly faultcode?: string;
  constructor(message: string, options: { operation?: string; cause?: unknown; faultcode?: string } = {}) {
    super(message, options);
    this.faultcode = options.faultcode;
  }
}

/** One record of a batch failed (an APIException on the item, or a false result for it). */
export class FinagoRecordError extends FinagoError {
  readonly recordId?: number;
  readonly exceptionType?: string;
  constructor(message: string, options: { operation?: string; recordId?: number; exceptionType?: string } = {}) {
    super(message, options);
    this.recordId = options.recordId;
    this.exceptionType = options.exceptionType;
  }
}
