/**
 * Who may call what in the logistics chaincode. One place, so the README, the guards and the
 * tests agree.
 *
 * - Shipments and custody: every department (Registry, Health e.g. vaccine cold chain,
 *   PublicWorks) may ship; its `officer`s and `clerk`s do the logistics work.
 * - Waste manifests: PublicWorks `officer`s only (collection crews and the city's own transfer
 *   stations and processing facilities all belong to PublicWorks).
 * - Building materials and supplier terms: PublicWorks (procurement) `officer`s and `clerk`s.
 * - Reads of public state: any channel member, including the Auditor. The Auditor never writes
 *   (`requireWriter` refuses regulators first).
 *
 * @example
 * ```ts
 * const who = requireWriter(ctx, SHIPPING_MSPS, SHIPPING_ROLES);
 * ```
 */
import { DEPARTMENT_MSPS, Msp, Role } from '@city-ledger/chaincode-common';

/** Orgs that may create and move shipments: all three departments. */
export const SHIPPING_MSPS: readonly string[] = DEPARTMENT_MSPS;
/** Roles that may create and move shipments. */
export const SHIPPING_ROLES: readonly string[] = [Role.Officer, Role.Clerk];

/** Orgs that manage waste-collection manifests. */
export const WASTE_MSPS: readonly string[] = [Msp.PublicWorks];
/** Roles that manage waste-collection manifests. */
export const WASTE_ROLES: readonly string[] = [Role.Officer];

/** Orgs that register building-material deliveries and read supplier terms. */
export const MATERIALS_MSPS: readonly string[] = [Msp.PublicWorks];
/** Roles that register building-material deliveries and read supplier terms. */
export const MATERIALS_ROLES: readonly string[] = [Role.Officer, Role.Clerk];
