/**
 * Middleware: establishes the caller or answers 401 `UNAUTHENTICATED`, and route guards
 * that answer 403.
 *
 * @example
 * ```ts
 * router.use(authenticate([apiKeys]));
 * router.post('/v1/parcels', requireRoles(['clerk', 'registrar']), handler);
 * const principal = principalOf(req);
 * ```
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { HttpProblem, Problems } from '../errors';
import type { Authenticator } from './authenticator';
import type { Principal } from './principal';

const principals = new WeakMap<Request, Principal>();

/** The caller established by {@link authenticate}; throws if the route is not behind it. */
export function principalOf(req: Request): Principal {
  const principal = principals.get(req);
  if (!principal) throw new Error('principalOf: the route is not behind authenticate()');
  return principal;
}

/** Tries each authenticator in order; the first that finds credentials decides. */
export function authenticate(authenticators: readonly Authenticator[]): RequestHandler {
  return authenticateOr(authenticators, undefined);
}

/**
 * Like {@link authenticate}, but a request with no credentials at all is the `anonymous`
 * principal (public reads); bad credentials are still refused, never downgraded.
 */
export function authenticateOrAnonymous(authenticators: readonly Authenticator[], anonymous: Principal): RequestHandler {
  return authenticateOr(authenticators, anonymous);
}

function authenticateOr(authenticators: readonly Authenticator[], anonymous: Principal | undefined): RequestHandler {
  const challenge = authenticators.map((a) => a.scheme).join(', ');
  return async (req: Request, res: Response, next: NextFunction) => {
    for (const authenticator of authenticators) {
      const result = await authenticator.authenticate(req);
      if (result.kind === 'absent') continue;
      if (result.kind === 'invalid') {
        res.setHeader('WWW-Authenticate', result.challenge ?? challenge);
        throw new HttpProblem(result.code ?? 'UNAUTHENTICATED', `invalid credentials: ${result.reason}`);
      }
      principals.set(req, result.principal);
      req.log?.setBindings?.({ principal: result.principal.id });
      next();
      return;
    }
    if (anonymous) {
      principals.set(req, anonymous);
      next();
      return;
    }
    res.setHeader('WWW-Authenticate', challenge);
    throw Problems.unauthenticated(`send credentials (${challenge})`);
  };
}

/** True when the principal holds one of `roles` (an empty list lets every principal in). */
export function hasRole(principal: Principal, roles: readonly string[]): boolean {
  return roles.length === 0 || roles.some((role) => principal.roles.includes(role));
}
