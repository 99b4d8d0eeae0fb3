/**
 * The pluggable part of authentication: one {@link Authenticator} per credential kind
 * (API keys now; JWT bearer tokens later), tried in order by the `authenticate` middleware.
 *
 * @example
 * ```ts
 * class JwtAuthenticator implements Authenticator {
 *   readonly scheme = 'Bearer';
 *   async authenticate(req) {
 *     const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
 *     if (!token) return { kind: 'absent' };
 *     // verify alg (never `none`), signature, iss, aud, exp …
 *     return { kind: 'ok', principal: { id: claims.sub, user: claims.fabricUser, roles: claims.roles, via: 'jwt' } };
 *   }
 * }
 * ```
 */
import type { Request } from 'express';
import type { Principal } from './principal';

/**
 * `absent`: the request carries no credentials of this kind (the next authenticator may try);
 * `invalid`: it carries some, and they are wrong (the request is refused);
 * `ok`: the caller is known.
 */
export type AuthResult = { kind: 'absent' } | { kind: 'invalid'; reason: string } | { kind: 'ok'; principal: Principal };

export interface Authenticator {
  /** The scheme announced in `WWW-Authenticate` (`ApiKey`, `Bearer`). */
  readonly scheme: string;
  authenticate(req: Request): Promise<AuthResult>;
}
