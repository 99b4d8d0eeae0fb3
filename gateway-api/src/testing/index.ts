export * from './fakeLedgerClient';
export * from './testApp';
export * from './fakeEventSource';
export * from './sseClient';
