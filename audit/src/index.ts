// Public API of @city-ledger/audit: the library under the `audit` command, for a later
// gateway route or other tools. The CLI (cli.ts) is a thin layer over these.
export * from './block';
export * from './blockHash';
export * from './blockFile';
export * from './blockSignatures';
export * from './chainVerifier';
export * from './chaincodeDefinitions';
export * from './channelConfig';
export * from './csv';
export * from './documents';
export * from './environment';
export * from './errors';
export * from './history';
export * from './integrity';
export * from './ordererConfig';
export * from './peerSession';
export * from './transactionCodes';
export * from './transactionDetail';
export * from './verifyBlockFiles';
export * from './verifyLedger';
export * from './readingProof';
export * from './verifyBackup';
