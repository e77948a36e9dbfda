// Classes a failure the way the run ledger and the retry policy need it.
import {
  FinagoAuthenticationError, FinagoBadCredentialsError, FinagoFaultError, FinagoQuotaError, FinagoRecordError, FinagoTransientError,
} from "../finago/index.js";
import { OngoingError, OngoingHttpError } from "../ongoing/errors.js";
import type { ErrorClass } from "../ledger/ledger-types.js";

export interface ClassifiedError {
  errorClass: ErrorClass;
  message: string;
  /** Worth running again later without anyone changing anything. */
  retryable: boolean;
  /** The earliest time a retry may start (Finago's quarantine, Ongoing's Retry-After). */
  notBefore?: Date;
}

export function classifyError(err: unknown, now = new Date()): ClassifiedError {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof FinagoQuotaError) return { errorClass: "quota", message, retryable: true, notBefore: err.retryAfter };
  if (err instanceof FinagoBadCredentialsError) return { errorClass: "authentication", message, retryable: false };
  if (err instanceof FinagoAuthenticationError) return { errorClass: "authentication", message, retryable: true };
  if (err instanceof FinagoTransientError) return { errorClass: "transient", message, retryable: true };
  if (err instanceof FinagoRecordError) return { errorClass: "record", message, retryable: false };
  // Finago refused this request with a SOAP fault. Whether a fault is passing is not documented,
  // so it fails the item at hand, which later runs try again until it is dead-lettered.
  if (err instanceof FinagoFaultError) return { errorClass: "fault", message, retryable: false };
  if (err instanceof OngoingHttpError && (err.status === 401 || err.status === 403)) {
    return { errorClass: "authentication", message: `Ongoing refused the credentials: ${message}`, retryable: false };
  }
  if (err instanceof OngoingError) {
    const notBefore = err instanceof OngoingHttpError && err.retryAfterMs ? new Date(now.getTime() + err.retryAfterMs) : undefined;
    return { errorClass: err.transient ? "transient" : "record", message, retryable: err.transient, notBefore };
  }
  return { errorClass: "unknown", message, retryable: false };
}
