export * from './fakeLedgerClient';
export * from './testApp';
