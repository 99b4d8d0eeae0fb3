/**
 * Who may call what in the energy chaincode. One place, so the README, the guards and the tests
 * agree.
 *
 * - Market and energy credit: `officer`s and `clerk`s of the departments holding the
 *   `energy-market` remit (the grid operator). Households hold no Fabric identity: the
 *   operator's gateway acts for them, naming the household (a pseudonymous citizen ID) and its
 *   registered meter on each order.
 * - Emission reductions and issuing carbon credits: `officer`s of the departments holding the
 *   `environment` remit.
 * - Transferring and retiring carbon credits: `officer`s of the department holding the lot.
 * - Reads of public state: any channel member, the Auditor included; private reads: the
 *   `energy-market` departments only. The Auditor never writes.
 *
 * @example
 * ```ts
 * const who = requireWriter(ctx, operatorMsps(), OPERATOR_ROLES);
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { activeConsortium, departmentMsps, Remit, remitHolders, requireMsp, requireRole, Role } from '@city-ledger/chaincode-common';

/** The grid operator: the departments holding `energy-market`. */
export function operatorMsps(): readonly string[] {
  return remitHolders([Remit.EnergyMarket]);
}
/** Roles that run the market and the energy credit for households. */
export const OPERATOR_ROLES: readonly string[] = [Role.Officer, Role.Clerk];

/** Guard of the private reads (positions, accounts): the operator's officers and clerks; FORBIDDEN otherwise. */
export function requireOperatorReader(ctx: Context): void {
  requireMsp(ctx, operatorMsps());
  requireRole(ctx, OPERATOR_ROLES);
}

/** The verifiers: the departments holding `environment`. */
export function verifierMsps(): readonly string[] {
  return remitHolders([Remit.Environment]);
}
/** Roles that record reductions and issue credits. */
export const VERIFIER_ROLES: readonly string[] = [Role.Officer];

/** Departments that may hold carbon credits: every department. */
export function holderMsps(): readonly string[] {
  return departmentMsps(activeConsortium());
}
/** Roles that transfer and retire their department's credits. */
export const HOLDER_ROLES: readonly string[] = [Role.Officer];
