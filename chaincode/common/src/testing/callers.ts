/**
 * One caller per founding org and role that the chaincode unit tests act as, each with the
 * `city.role` its org file issues. Tests import them under the names they read best as.
 *
 * @example
 * ```ts
 * import { FakeLedger, healthOfficer as health } from '@city-ledger/chaincode-common/testing';
 * await new FakeLedger().invoke(shipments, 'createShipment', health, [shipment]);
 * ```
 */
// From the package index, which re-exports them wherever they are declared.
import { Role } from '..';
import { Msp } from './foundingConsortium';
import type { FakeCaller } from './fakeIdentity';

export const registryClerk: FakeCaller = { msp: Msp.Registry, role: Role.Clerk };
export const registryRegistrar: FakeCaller = { msp: Msp.Registry, role: Role.Registrar };
export const healthOfficer: FakeCaller = { msp: Msp.Health, role: Role.Officer };
export const publicWorksClerk: FakeCaller = { msp: Msp.PublicWorks, role: Role.Clerk };
export const publicWorksOfficer: FakeCaller = { msp: Msp.PublicWorks, role: Role.Officer };
export const publicWorksInspector: FakeCaller = { msp: Msp.PublicWorks, role: Role.Inspector };
export const auditor: FakeCaller = { msp: Msp.Auditor, role: Role.Auditor };
