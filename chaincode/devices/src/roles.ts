/**
 * Who may call what in the devices chaincode. One place, so the README, the guards and the
 * tests agree.
 *
 * - Registry of devices (register, suspend, reactivate, retire, rotate a key): `officer`s of the
 *   departments holding the `devices` remit (Public Works runs the grid and the sensors).
 * - Readings: `officer`s, `inspector`s and `clerk`s of those departments relay them; the
 *   device's signature, not the relaying caller, vouches for what a reading says.
 * - Telemetry anchors: `officer`s of those departments (the gateway's collector signs as one).
 * - Reads: any channel member, the Auditor included.
 *
 * @example
 * ```ts
 * const who = requireGrant(ctx, REGISTRY_GRANTS);
 * ```
 */
import { Remit, Role, type Grants } from '@city-ledger/chaincode-common';

/** Registering and changing devices. */
export const REGISTRY_GRANTS: Grants = { [Remit.Devices]: [Role.Officer] };
/** Relaying device-signed readings. */
export const READING_GRANTS: Grants = { [Remit.Devices]: [Role.Officer, Role.Inspector, Role.Clerk] };
/** Anchoring telemetry batches. */
export const ANCHOR_GRANTS: Grants = { [Remit.Devices]: [Role.Officer] };
