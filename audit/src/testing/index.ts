// Test fixtures of @city-ledger/audit, for its unit tests and the integration tests
// (`@city-ledger/audit/testing`): blocks, block files, and blocks signed as orderers sign them.
export * from './blocks';
export * from './orderers';
