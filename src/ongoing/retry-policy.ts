// Backoff for retried calls: exponential with "equal jitter" (half fixed, half random) so a fleet
// of bridges does not retry in lockstep, and Ongoing's Retry-After wins when it sends one.

export interface RetryOptions {
  /** Total attempts, the first included. 1 disables retries. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryOptions: RetryOptions = { attempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Delay before attempt `attempt + 1`, where `attempt` (1-based) just failed. */
export function backoffDelayMs(attempt: number, options: RetryOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Parses Retry-After: delta seconds or an HTTP date. Returns ms from `now`, or undefined. */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
