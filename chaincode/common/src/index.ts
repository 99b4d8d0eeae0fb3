// Public API of @city-ledger/chaincode-common. Test fakes live in ./testing
// (`@city-ledger/chaincode-common/testing`) so that chaincode never ships them by accident.
export * from './orgs';
// The Fabric-free part of the model lives in @city-ledger/domain; chaincode keeps one import.
export { ChaincodeError, ERROR_CODES, type ErrorCode, parseChaincodeError } from '@city-ledger/domain';
export { conflict, failedPrecondition, forbidden, invalidArgument, notFound } from '@city-ledger/domain';
export { canonicalJson, fromBytes, toBytes, saltedHash, sha256Hex } from '@city-ledger/domain';
export { Role, ROLE_ATTRIBUTE, type RoleName, type HistoryEntry, type Page } from '@city-ledger/domain';
export * from './identity';
export * from './validation';
export * from './time';
export * from './state';
export * from './indexes';
export * from './events';
export * from './private';
export * from './contract';
export * from './components';
export * from './endorsement';
