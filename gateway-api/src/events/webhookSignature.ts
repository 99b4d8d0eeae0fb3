/**
 * The signature on every webhook delivery, so a receiver knows the gateway sent it and that
 * nobody replayed an old one:
 *
 * `X-City-Ledger-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`
 *
 * The timestamp is signed with the body: a receiver refuses a delivery whose `t` is too old
 * (replay), and compares in constant time.
 *
 * @example
 * ```ts
 * const header = signatureHeader(secret, body);                          // the gateway
 * verifySignature(secret, rawBody, req.headers['x-city-ledger-signature']); // the receiver
 * ```
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-City-Ledger-Signature';

/** How old a delivery a receiver accepts by default. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signatureHeader(secret: string, body: string, now: Date = new Date()): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${hmac(secret, t, body)}`;
}

/** True when `header` signs `body` with `secret` and its time is within the tolerance of `now`. */
export function verifySignature(
  secret: string,
  body: string,
  header: string | undefined,
  { now = new Date(), toleranceSeconds = DEFAULT_TOLERANCE_SECONDS }: { now?: Date; toleranceSeconds?: number } = {},
): boolean {
  const fields = new Map((header ?? '').split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const t = Number(fields.get('t'));
  const given = Buffer.from(fields.get('v1') ?? '', 'hex');
  if (!Number.isInteger(t) || Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  const expected = Buffer.from(hmac(secret, t, body), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function hmac(secret: string, t: number, body: string): string {
  return createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
}
