// ESLint runs in `npm test`. Chaincode must be deterministic: every endorsing
// peer has to compute the same write set, so wall-clock time and randomness
// are banned there (use the transaction timestamp instead), and in the domain
// package, which the chaincode runs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.runtime/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['chaincode/*/src/**/*.ts', 'domain/src/**/*.ts'],
    ignores: ['chaincode/*/src/**/*.test.ts', 'chaincode/*/src/testing/**', 'domain/src/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'Date', message: 'Chaincode must use the transaction timestamp (ctx.stub.getTxTimestamp), never Date.' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Chaincode must be deterministic: no Math.random.' }],
    },
  },
);
