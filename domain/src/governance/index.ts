// The governance chaincode's records and requests: participatory budgeting, open budget, council decisions.
export * from './amounts';
export * from './budgeting';
export * from './budget';
export * from './council';
