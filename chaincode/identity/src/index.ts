// Entry point of the identity chaincode (`fabric-chaincode-node server` loads `contracts`).
import type { Contract } from 'fabric-contract-api';
import { CitizensContract } from './citizensContract';
import { CredentialsContract } from './credentialsContract';
import { StatusListsContract } from './statusListsContract';

export { CitizensContract } from './citizensContract';
export { CredentialsContract } from './credentialsContract';
export { StatusListsContract } from './statusListsContract';

/** Every contract of the chaincode; `org.hyperledger.fabric:GetMetadata` describes them all. */
export const contracts: (typeof Contract)[] = [CitizensContract, CredentialsContract, StatusListsContract];
