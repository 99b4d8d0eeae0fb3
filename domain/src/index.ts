// Public API of @city-ledger/domain: what the ledger's records are and how their values are
// checked and serialized, with no Fabric runtime, so gateway, audit and chaincode share it.
export * from './roles';
export * from './remits';
export * from './consortium';
export * from './chaincodeServer';
export * from './errors';
export * from './json';
export * from './crypto';
export * from './ecdsa';
export * from './time';
export * from './schemas';
export * from './validate';
export * from './batch';
export * from './records/property';
export * from './records/vital';
export * from './records/permits';
export * from './records/collections';
export * from './identity';
export * from './logistics';
export * from './governance';
export * from './devices';
export * from './energy';
