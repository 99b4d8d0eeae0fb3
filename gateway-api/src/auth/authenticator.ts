/**
 * The pluggable part of authentication: one {@link Authenticator} per credential kind
 * (API keys, JWT bearer tokens), tried in order by the `authenticate` middleware.
 *
 * @example
 * ```ts
 * class JwtAuthenticator implements Authenticator {
 *   readonly scheme = 'Bearer';
 *   async authenticate(req) {
 *     const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
 *     if (!token) return { kind: 'absent' };
 *     // verify alg (never `none`), signature, iss, aud, exp; map sub to a configured principal …
 *     return { kind: 'ok', principal: { id: entry.principal, user: entry.user, roles: entry.roles, via: 'jwt' } };
 *   }
 * }
 * ```
 */
import type { Request } from 'express';
import type { Principal } from './principal';

/**
 * `absent`: the request carries no credentials of this kind (the next authenticator may try);
 * `invalid`: it carries some, and they are wrong (the request is refused with 401 `code`, default
 * `UNAUTHENTICATED`, and `WWW-Authenticate: challenge`, default every scheme);
 * `ok`: the caller is known.
 */
export type AuthResult =
  | { kind: 'absent' }
  | { kind: 'invalid'; reason: string; code?: 'UNAUTHENTICATED' | 'INVALID_TOKEN'; challenge?: string }
  | { kind: 'ok'; principal: Principal };

export interface Authenticator {
  /** The scheme announced in `WWW-Authenticate` (`ApiKey`, `Bearer`). */
  readonly scheme: string;
  authenticate(req: Request): Promise<AuthResult>;
}
