// Two projects: `unit` needs nothing running; `integration` talks to the real
// Fabric network that test/globalSetup.ts brings up once for every file.
/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }];
const moduleNameMapper = {
  '^@city-ledger/domain$': '<rootDir>/domain/src',
  '^@city-ledger/chaincode-common$': '<rootDir>/chaincode/common/src',
  '^@city-ledger/chaincode-common/testing$': '<rootDir>/chaincode/common/src/testing',
  '^@city-ledger/network$': '<rootDir>/network/src',
  '^@city-ledger/chaincode-(records|identity)$': '<rootDir>/chaincode/$1/src',
  '^@city-ledger/audit$': '<rootDir>/audit/src',
  '^@city-ledger/audit/testing$': '<rootDir>/audit/src/testing',
  '^@city-ledger/audit/ledger$': '<rootDir>/audit/src/ledger',
  '^@city-ledger/gateway-api$': '<rootDir>/gateway-api/src',
  '^@city-ledger/gateway-api/testing$': '<rootDir>/gateway-api/src/testing',
  '^@city-ledger/import$': '<rootDir>/import/src',
};

// The runtime folder holds Raft's own `.snap` files (orderer snapshots), which jest would
// otherwise count as obsolete snapshot files and fail the run.
const modulePathIgnorePatterns = ['<rootDir>/.runtime/'];

module.exports = {
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': tsJest },
      moduleNameMapper,
      modulePathIgnorePatterns,
      // The founding orgs' consortium descriptor, as a chaincode server has its generated one.
      setupFiles: ['<rootDir>/chaincode/common/src/testing/useFoundingConsortium.ts'],
      testMatch: ['<rootDir>/domain/src/**/*.test.ts', '<rootDir>/chaincode/*/src/**/*.test.ts', '<rootDir>/network/src/**/*.test.ts', '<rootDir>/gateway-api/src/**/*.test.ts', '<rootDir>/audit/src/**/*.test.ts', '<rootDir>/import/src/**/*.test.ts', '<rootDir>/bench/baseline-chaincode/src/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      rootDir: __dirname,
      testEnvironment: 'node',
      moduleNameMapper,
      modulePathIgnorePatterns,
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // @hyperledger/fabric-gateway 1.12 uses @noble/curves 2, which ships only
      // as ES modules; jest (on Node 22) loads CommonJS, so compile those too.
      transform: { '^.+\\.ts$': tsJest, '^.+\\.js$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }] },
      transformIgnorePatterns: ['/node_modules/(?!@noble/)'],
      globalSetup: '<rootDir>/test/globalSetup.ts',
      globalTeardown: '<rootDir>/test/globalTeardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/setup.ts'],
    },
  ],
  // One shared network: test files run one after another, so that a test
  // which restarts or stops the network cannot pull it out from under another.
  maxWorkers: 1,
  collectCoverageFrom: ['domain/src/**/*.ts', 'chaincode/*/src/**/*.ts', '!**/*.test.ts', '!**/index.ts', '!chaincode/*/src/testing/**'],
  coverageThreshold: { global: { lines: 90, branches: 90 } },
};
