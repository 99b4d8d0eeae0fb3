/**
 * Which webhook targets the gateway accepts. Deliveries carry ledger events and a signature, so
 * they go over TLS: `https://` to any host. Plain `http://` only to loopback (`127.0.0.0/8`,
 * `[::1]`, `localhost`), for a city system on the gateway's own machine, where nothing crosses a
 * network. Never credentials in the URL (they would sit in the database and in logs). Which
 * addresses may be reached at all (loopback needs the operator's allow-list) is webhookTargets.ts.
 *
 * @example
 * ```ts
 * webhookUrlProblem('https://tax.city.local/hooks/ledger');   // undefined: accepted
 * webhookUrlProblem('http://tax.city.local/hooks');           // 'http is allowed only to loopback …'
 * ```
 */
import { isIP } from 'node:net';

export const MAX_URL_LENGTH = 2048;

/** Why `text` is not an acceptable webhook URL, or undefined when it is. */
export function webhookUrlProblem(text: string): string | undefined {
  if (text.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not an absolute URL';
  }
  if (url.username !== '' || url.password !== '') return 'must not carry credentials';
  if (url.hash !== '') return 'must not have a fragment';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:') return isLoopback(url.hostname) ? undefined : 'http is allowed only to loopback (127.0.0.1, [::1], localhost); use https';
  return 'must be https (or http to loopback)';
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return isIP(host) === 6 && host === '::1';
}
