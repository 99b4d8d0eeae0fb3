export * from './fakeLedgerClient';
export * from './testApp';
export * from './fakeFabricCa';
