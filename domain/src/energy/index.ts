// The energy chaincode's records and requests: the market, the city energy credit, carbon credits.
export * from './units';
export * from './market';
export * from './credits';
export * from './carbon';
export * from './collections';
