// The logistics chaincode's records and requests: EPCIS events, shipments, cold chain, waste, materials.
export * from './epcis';
export * from './coldChain';
export * from './shipment';
export * from './waste';
export * from './materials';
export * from './collections';
