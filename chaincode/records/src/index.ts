// Entry point of the records chaincode. fabric-chaincode-node loads `main` (dist/index.js)
// and serves every class in `contracts`: property, vital and permits.
import type { Contract } from 'fabric-contract-api';
import { PermitsContract } from './permits/permitsContract';
import { PropertyContract } from './property/propertyContract';
import { VitalRecordsContract } from './vital/vitalContract';

export { PermitsContract, PropertyContract, VitalRecordsContract };

/** The contracts this chaincode serves; the first (`property`) is the default. */
export const contracts: (typeof Contract)[] = [PropertyContract, VitalRecordsContract, PermitsContract];
