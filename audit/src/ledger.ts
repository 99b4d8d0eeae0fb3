// `@city-ledger/audit/ledger`: the block decoding and chain verification, without the peer
// sessions (and so without @hyperledger/fabric-gateway), for the gateway's ledger routes,
// which read blocks through their own ledger client.
export * from './block';
export * from './blockHash';
export * from './chainVerifier';
export * from './chaincodeDefinitions';
export * from './certificateExpiry';
export * from './channelConfig';
export * from './integrity';
export * from './ordererConfig';
export * from './transactionCodes';
export * from './transactionDetail';
export * from './verifyLedger';
export type { ChainInfo, LedgerPeer } from './peerSession';
