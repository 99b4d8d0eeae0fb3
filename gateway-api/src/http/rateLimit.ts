/**
 * A request budget per principal: a token bucket holding `perMinute` requests that refills
 * continuously (`perMinute / 60` a second), so a client may burst up to a minute's budget and
 * then goes at the steady rate. Over budget, the answer is 429 `RATE_LIMITED` with
 * `Retry-After` (seconds until the next request is allowed).
 *
 * The limiter runs **after** authentication and is keyed by the principal's name, so requests
 * without valid credentials never touch anyone's budget (they are refused with 401 before),
 * and one principal cannot spend another's (a principal that has both an API key and a token
 * has one budget). The buckets are bounded by the configured principals: no client can make
 * the map grow.
 *
 * @example
 * ```ts
 * const limiter = new RateLimiter(600);   // CITY_GATEWAY_RATE_LIMIT
 * router.get('/v1/parcels/:id', authenticate(authenticators), limiter.middleware(), handler);
 * ```
 */
import type { RequestHandler } from 'express';
import { principalOf } from '../auth/authenticate';
import { HttpProblem } from '../errors';

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (ms). */
  at: number;
}

/** Whether one more request is allowed now, and if not, when it will be. */
export type Admission = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  /** `now` is injectable so tests need no waiting. */
  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(perMinute) || perMinute < 1) throw new RangeError(`RateLimiter: perMinute must be a whole number ≥ 1, got ${perMinute}`);
    this.perMs = perMinute / 60_000;
  }

  /** Spends one request of `key`'s budget if there is one. */
  admit(key: string): Admission {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  /** Middleware for routes behind `authenticate`: 429 `RATE_LIMITED` once the principal's budget is spent. */
  middleware(): RequestHandler {
    return (req, _res, next) => {
      const admission = this.admit(principalOf(req).id);
      if (!admission.allowed) {
        throw new HttpProblem('RATE_LIMITED', `more than ${this.perMinute} requests a minute; try again in ${admission.retryAfterSeconds} s`, {
          headers: { 'Retry-After': String(admission.retryAfterSeconds) },
        });
      }
      next();
    };
  }
}
