// The identity chaincode's records and requests: citizens, credentials, status lists.
export * from './citizen';
export * from './credential';
export * from './statusList';
export * from './issuance';
export * from './credentialHash';
