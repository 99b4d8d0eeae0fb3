// The devices chaincode's records and requests: devices, signed readings, telemetry batches and their Merkle proofs.
export * from './device';
export * from './reading';
export * from './signature';
export * from './acceptance';
export * from './merkle';
export * from './telemetry';
export * from './proofCheck';
export * from './testDevice';
