/**
 * How conflicting transactions are retried: a bounded number of fresh proposals, each after an
 * exponential backoff with full jitter (a random delay from 0 to `base · 2^attempt`, capped), so
 * that writers that collided do not collide again in step.
 *
 * @example
 * ```ts
 * const policy: RetryPolicy = { retries: 3, baseDelayMs: 50, maxDelayMs: 2_000 };
 * backoffDelay(policy, 1);   // a random delay in [0, 100) ms before the second retry
 * ```
 */

export interface RetryPolicy {
  /** Retries after the first try (so at most `retries + 1` transactions). */
  readonly retries: number;
  /** Upper bound of the first retry's delay. */
  readonly baseDelayMs: number;
  /** No delay is longer than this. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, baseDelayMs: 50, maxDelayMs: 2_000 };

/** The validation codes that mean "another transaction changed what this one read": worth a fresh proposal. */
export const CONFLICT_CODES: ReadonlySet<string> = new Set(['MVCC_READ_CONFLICT', 'PHANTOM_READ_CONFLICT']);

/** The delay before retry number `retry` (0 for the first retry), with full jitter. */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
