// ESLint runs in `npm test`. Chaincode must be deterministic: every endorsing
// peer has to compute the same write set, so wall-clock time and randomness
// are banned there (use the transaction timestamp instead), and in the domain
// package, which the chaincode runs.
//
// gateway-api depends in one direction (the layer order is in gateway-api/README.md): each
// folder below may not import the layers above it, nor config.ts, which only assembles the
// modules' settings for main.ts. Tests may reach across layers.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const LAYERS_MESSAGE = 'gateway-api depends in one direction: see "Layers" in gateway-api/README.md.';

/** `files` (under gateway-api/src) may not import the folders `above`, nor config.ts, app.ts, main.ts; `up` is the path to src/. */
function gatewayLayer(files, above, up = '../') {
  return {
    files: files.map((file) => `gateway-api/src/${file}`),
    ignores: ['gateway-api/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['config', 'app', 'main'].map((name) => ({ name: `${up}${name}`, message: LAYERS_MESSAGE })),
          patterns: [{ group: above.map((folder) => `${up}${folder}/*`), message: LAYERS_MESSAGE }],
        },
      ],
    },
  };
}

const folders = (...names) => names.map((name) => `${name}/**/*.ts`);

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
  gatewayLayer(folders('fabric', 'submit', 'store', 'events', 'telemetry', 'identities', 'auth', 'metrics', 'schemas'), ['routes', 'calls', 'http']),
  gatewayLayer(['errors.ts', 'validation.ts', 'logger.ts', 'configError.ts', 'atomicFile.ts', 'secretFileMode.ts'], ['routes', 'calls', 'http'], './'),
  gatewayLayer(folders('http'), ['routes', 'calls']),
  gatewayLayer(folders('calls'), ['routes']),
);
