/**
 * Exponential backoff with jitter for webhook retries: the ceiling doubles with each attempt up
 * to a maximum, and the delay is drawn from its upper half, so a receiver that comes back is not
 * hit by every subscription at the same instant, yet no retry comes immediately.
 *
 * @example
 * ```ts
 * backoffDelay(1, DEFAULT_RETRY);   // 500..1000 ms
 * backoffDelay(4, DEFAULT_RETRY);   // 4000..8000 ms
 * ```
 */
export interface RetryPolicy {
  /** Attempts per event, the first included; after the last one the subscription is dead. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** 10 attempts over at most about 8.5 minutes (1 + 2 + … + 256 s), then the dead-letter state. */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 10, baseDelayMs: 1_000, maxDelayMs: 5 * 60_000 };

/** The pause after failed attempt number `attempt` (1-based). */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
