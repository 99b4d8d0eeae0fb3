/**
 * Who may call what in the logistics chaincode. One place, so the README, the guards and the
 * tests agree.
 *
 * - Shipments and custody: every department (Registry, Health e.g. vaccine cold chain,
 *   PublicWorks) may ship; its `officer`s and `clerk`s do the logistics work.
 * - Waste manifests: `officer`s of the departments holding the `logistics` remit (PublicWorks:
 *   collection crews and the city's own transfer stations and processing facilities).
 * - Building materials and supplier terms: `officer`s and `clerk`s of the departments holding
 *   the `procurement` remit (PublicWorks).
 * - Reads of public state: any channel member, including the Auditor. The Auditor never writes
 *   (`requireWriter` refuses regulators first).
 *
 * @example
 * ```ts
 * const who = requireWriter(ctx, shippingMsps(), SHIPPING_ROLES);
 * ```
 */
import { activeConsortium, departmentMsps, Remit, remitHolders, Role } from '@city-ledger/chaincode-common';

/** Orgs that may create and move shipments: every department. */
export function shippingMsps(): readonly string[] {
  return departmentMsps(activeConsortium());
}
/** Roles that may create and move shipments. */
export const SHIPPING_ROLES: readonly string[] = [Role.Officer, Role.Clerk];

/** Orgs that manage waste-collection manifests: the departments holding `logistics`. */
export function wasteMsps(): readonly string[] {
  return remitHolders([Remit.Logistics]);
}
/** Roles that manage waste-collection manifests. */
export const WASTE_ROLES: readonly string[] = [Role.Officer];

/** Orgs that register building-material deliveries and read supplier terms: the departments holding `procurement`. */
export function materialsMsps(): readonly string[] {
  return remitHolders([Remit.Procurement]);
}
/** Roles that register building-material deliveries and read supplier terms. */
export const MATERIALS_ROLES: readonly string[] = [Role.Officer, Role.Clerk];
