/**
 * Who is in the consortium, from the org files ($CITY_LEDGER_ORGS, as for config.ts) and
 * chaincode/chaincodes.yaml: the same consortium descriptor the chaincode runs with, so the
 * gateway's collection members, credential issuers and department list follow the org files
 * (read once, when the gateway starts).
 *
 * @example
 * ```ts
 * CONSORTIUM.collections.registryPropertyOwners?.members;   // ['RegistryMSP']
 * ```
 */
import path from 'node:path';
import type { ConsortiumDescriptor } from '@city-ledger/domain';
import { loadConsortiumDescriptor } from '@city-ledger/network';

const REPO_DIR = path.resolve(__dirname, '..', '..');

/** The consortium descriptor of the org files. */
export const CONSORTIUM: ConsortiumDescriptor = loadConsortiumDescriptor(
  path.resolve(process.env.CITY_LEDGER_ORGS ?? path.join(REPO_DIR, 'organizations')),
  path.join(REPO_DIR, 'chaincode', 'chaincodes.yaml'),
);
