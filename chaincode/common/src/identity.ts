/**
 * Access guards. Each guard returns what it checked, or throws FORBIDDEN.
 *
 * @example
 * ```ts
 * // Only clerks and registrars of a department holding `property` register parcels.
 * const caller = requireGrant(ctx, { [Remit.Property]: [Role.Clerk, Role.Registrar] });
 * requireDepartment(ctx, [Role.Officer]);   // any department; the Auditor never writes
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { ROLE_ATTRIBUTE, forbidden } from '@city-ledger/domain';
import { activeConsortium } from './activeConsortium';
import { departmentMsps, departmentsWith, regulatorMsps, remitsOf } from '@city-ledger/domain';
import type { RemitName } from '@city-ledger/domain';

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
  return regulatorMsps(activeConsortium()).includes(callerMsp(ctx));
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

/** Any department, optionally limited to `roles` (regulators are refused first). */
export function requireDepartment(ctx: Context, roles?: readonly string[]): Caller {
  return requireWriter(ctx, departmentMsps(activeConsortium()), roles);
}

/** Roles granted per remit for one function: a department holding the remit may call it with those roles. */
export type Grants = Readonly<Partial<Record<RemitName, readonly string[]>>>;

/**
 * Guard for a state-changing function granted by remit: regulators are refused first, then the
 * caller's department must hold one of the granted remits, and its role must be granted for one
 * of the remits it holds. Throws FORBIDDEN.
 */
export function requireGrant(ctx: Context, grants: Grants): Caller {
  if (isRegulator(ctx)) {
    throw forbidden(`regulators are read-only (${callerMsp(ctx)})`);
  }
  const msp = callerMsp(ctx);
  const granted = Object.keys(grants) as RemitName[];
  const held = remitsOf(activeConsortium(), msp).filter((r) => granted.includes(r));
  if (held.length === 0) {
    throw forbidden(`organization ${msp} holds none of the remits ${granted.join(', ')}`);
  }
  requireRole(ctx, [...new Set(held.flatMap((r) => grants[r] ?? []))]);
  return caller(ctx);
}

/** MSP IDs of the departments holding at least one of `remits` (from the consortium descriptor). */
export function remitHolders(remits: readonly RemitName[]): string[] {
  return departmentsWith(activeConsortium(), remits);
}

/** Guard for a write open to every department holding one of `remits` (regulators refused first). */
export function requireRemit(ctx: Context, remits: readonly RemitName[], roles?: readonly string[]): Caller {
  return requireWriter(ctx, remitHolders(remits), roles);
}
