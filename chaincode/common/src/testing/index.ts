// Test support for chaincode packages: `import { FakeLedger } from '@city-ledger/chaincode-common/testing'`.
// Import it before the contract under test so that ./quiet can silence fabric-contract-api logs.
import './quiet';

export * from './fakeIdentity';
export * from './callers';
export * from './fakeStub';
export * from './fakeLedger';
export { FakeIterator } from './iterators';
export * from './endorsementPolicy';
export * from './foundingConsortium';
export * from './fuzzTransactions';
