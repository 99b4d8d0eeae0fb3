/**
 * The `Prefer` request header (RFC 7240): a client asks for an asynchronous answer with
 * `Prefer: respond-async`, possibly among other preferences (`Prefer: respond-async, wait=5`).
 *
 * @example
 * ```ts
 * prefersAsync(req.get('prefer'));   // true for 'respond-async' or 'return=minimal, respond-async'
 * ```
 */
export function prefersAsync(header: string | undefined): boolean {
  if (header === undefined) return false;
  return header.split(',').some((preference) => preference.split(';')[0]?.trim().toLowerCase() === 'respond-async');
}
