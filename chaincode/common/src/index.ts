// Public API of @city-ledger/chaincode-common. Test fakes live in ./testing
// (`@city-ledger/chaincode-common/testing`) so that chaincode never ships them by accident.
export * from './errors';
export * from './orgs';
export * from './identity';
export * from './validation';
export * from './json';
export * from './time';
export * from './crypto';
export * from './state';
export * from './indexes';
export * from './events';
export * from './private';
export * from './contract';
export * from './endorsement';
