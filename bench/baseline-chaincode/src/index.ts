// Entry point of the baseline chaincode. fabric-chaincode-node loads `main` (dist/index.js)
// and serves every class in `contracts`.
import type { Contract } from 'fabric-contract-api';
import { KeyValueContract } from './keyValueContract';

export { KeyValueContract };

/** The one contract this chaincode serves. */
export const contracts: (typeof Contract)[] = [KeyValueContract];
