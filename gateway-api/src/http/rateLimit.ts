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
 * A second limiter keyed by the client's address ({@link clientAddress}) runs **before**
 * authentication, so a flood of requests with no or bad credentials is cut off before any key
 * hashing or token verification. Its buckets are pruned once there are many: a bucket that has
 * refilled is the same as no bucket.
 *
 * @example
 * ```ts
 * const limiter = new RateLimiter(600);   // CITY_GATEWAY_RATE_LIMIT
 * const perAddress = new RateLimiter(1200);   // CITY_GATEWAY_ADDRESS_RATE_LIMIT
 * router.get('/v1/parcels/:id', perAddress.middleware(clientAddress), authenticate(authenticators), limiter.middleware(), handler);
 * ```
 */
import type { Request, RequestHandler } from 'express';
import { principalOf } from '../auth/authenticate';
import { HttpProblem } from '../errors';

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (ms). */
  at: number;
}

/** The peer address of the connection (the gateway is not behind a proxy: X-Forwarded-For is not trusted). */
export function clientAddress(req: Request): string {
  return req.socket.remoteAddress ?? 'unknown';
}

/** Past this many buckets, refilled ones are dropped. */
const PRUNE_AT = 10_000;

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
    if (!this.buckets.has(key) && this.buckets.size >= PRUNE_AT) this.prune(now);
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  /** Drops the buckets that have refilled (as good as new). */
  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.perMinute) this.buckets.delete(key);
    }
  }

  /** 429 `RATE_LIMITED` once the budget of the request's key is spent; by default the principal's (after `authenticate`). */
  middleware(keyOf: (req: Request) => string = (req) => principalOf(req).id): RequestHandler {
    return (req, _res, next) => {
      const admission = this.admit(keyOf(req));
      if (!admission.allowed) {
        throw new HttpProblem('RATE_LIMITED', `more than ${this.perMinute} requests a minute; try again in ${admission.retryAfterSeconds} s`, {
          headers: { 'Retry-After': String(admission.retryAfterSeconds) },
        });
      }
      next();
    };
  }
}
