/**
 * Access guards. Each guard returns what it checked, or throws FORBIDDEN.
 *
 * @example
 * ```ts
 * // Only Registry clerks and registrars may register a parcel; the Auditor never writes.
 * const caller = requireWriter(ctx, [Msp.Registry], [Role.Clerk, Role.Registrar]);
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { ROLE_ATTRIBUTE, forbidden } from '@city-ledger/domain';
import { REGULATOR_MSPS } from './orgs';

/** Who is calling: MSP ID, `city.role` attribute (if any) and the certificate's unique ID. */
export interface Caller {
  readonly msp: string;
  readonly role: string | undefined;
  readonly id: string;
}

/** The caller's MSP ID. */
export function callerMsp(ctx: Context): string {
  return ctx.clientIdentity.getMSPID();
}

/** The caller's `city.role` certificate attribute, or undefined when the certificate has none. */
export function callerRole(ctx: Context): string | undefined {
  const role = ctx.clientIdentity.getAttributeValue(ROLE_ATTRIBUTE);
  return role ? role : undefined;
}

/** The caller's MSP, role and certificate ID (`x509::/subject::/issuer`). */
export function caller(ctx: Context): Caller {
  return { msp: callerMsp(ctx), role: callerRole(ctx), id: ctx.clientIdentity.getID() };
}

/** True when the caller belongs to a regulator org (read-only). */
export function isRegulator(ctx: Context): boolean {
  return REGULATOR_MSPS.includes(callerMsp(ctx));
}

/** Throws FORBIDDEN unless the caller's MSP is in `allowed`; returns the MSP ID. */
export function requireMsp(ctx: Context, allowed: readonly string[]): string {
  const msp = callerMsp(ctx);
  if (!allowed.includes(msp)) {
    throw forbidden(`organization ${msp} is not allowed; allowed: ${allowed.join(', ')}`);
  }
  return msp;
}

/** Throws FORBIDDEN unless the caller has one of `roles`; returns the role. */
export function requireRole(ctx: Context, roles: readonly string[]): string {
  const role = callerRole(ctx);
  if (role === undefined) {
    throw forbidden(`caller has no ${ROLE_ATTRIBUTE} attribute; required: ${roles.join(', ')}`);
  }
  if (!roles.includes(role)) {
    throw forbidden(`role ${role} is not allowed; allowed: ${roles.join(', ')}`);
  }
  return role;
}

/**
 * Guard for every state-changing transaction: refuses regulators first
 * ("regulators are read-only"), then checks the MSP and, when given, the role.
 */
export function requireWriter(ctx: Context, allowedMsps: readonly string[], roles?: readonly string[]): Caller {
  if (isRegulator(ctx)) {
    throw forbidden(`regulators are read-only (${callerMsp(ctx)})`);
  }
  requireMsp(ctx, allowedMsps);
  if (roles !== undefined) {
    requireRole(ctx, roles);
  }
  return caller(ctx);
}
