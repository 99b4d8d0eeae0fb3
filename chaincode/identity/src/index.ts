// Entry point of the identity chaincode (`fabric-chaincode-node server` loads `contracts`).
import type { Contract } from 'fabric-contract-api';
import { CitizensContract } from './citizensContract';
import { CredentialsContract } from './credentialsContract';
import { StatusListsContract } from './statusListsContract';

export { CitizensContract } from './citizensContract';
export { CredentialsContract } from './credentialsContract';
export { StatusListsContract } from './statusListsContract';
export * from './citizen';
export * from './collections';
export * from './credential';
export * from './credentialDocument';
export { ISSUANCE_RULES, ISSUER_REMITS, issuerRolesOf, type IssuanceRule } from '@city-ledger/domain';
export * from './statusList';
export * as bitstring from './bitstring';

/** Every contract of the chaincode; `org.hyperledger.fabric:GetMetadata` describes them all. */
export const contracts: (typeof Contract)[] = [CitizensContract, CredentialsContract, StatusListsContract];
