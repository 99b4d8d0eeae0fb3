// Public API of @city-ledger/chaincode-common. Test fakes live in ./testing
// (`@city-ledger/chaincode-common/testing`) so that chaincode never ships them by accident.
// The Fabric-free part of the model lives in @city-ledger/domain; chaincode keeps one import.
export { ChaincodeError, ERROR_CODES, type ErrorCode, parseChaincodeError } from '@city-ledger/domain';
export { conflict, failedPrecondition, forbidden, invalidArgument, notFound } from '@city-ledger/domain';
export { canonicalJson, fromBytes, toBytes, saltedHash, sha256Hex } from '@city-ledger/domain';
export { Role, ROLE_ATTRIBUTE, type RoleName, type HistoryEntry, type Page } from '@city-ledger/domain';
export { isRemit, Remit, REMITS, type RemitName } from '@city-ledger/domain';
export { CONSORTIUM_ENV, ConsortiumDescriptorError, parseConsortiumDescriptor, type ConsortiumCollection, type ConsortiumDescriptor, type ConsortiumOrg } from '@city-ledger/domain';
export { collectionMembers, departmentCollection, departmentMsps, departmentsWith, regulatorMsps, remitsOf, requireCollectionsDeclared } from '@city-ledger/domain';
export * from './activeConsortium';
export * from './identity';
export * from './validation';
export * from './time';
export * from './state';
export * from './indexes';
export * from './events';
export * from './private';
export * from './batch';
export * from './contract';
export * from './components';
export * from './endorsement';
export * from './crossChaincode';
