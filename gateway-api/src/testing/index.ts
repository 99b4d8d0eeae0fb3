export * from './fakeLedgerClient';
export * from './testApp';
export * from './fakeFabricCa';
export * from './fakeEventSource';
export * from './sseClient';
