// The built gateway and audit tool, loaded the way `node` runs them (main.ts's whole graph:
// config, the real ledger client, gRPC connections, the CA client, events, metrics), load no
// chaincode runtime. A separate Node process, because jest's module registry is not Node's.
// Needs `npm run build` first, as `npm test` does.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
// Workspace packages appear under their real path (chaincode/...), not node_modules/@city-ledger.
const CHAINCODE_RUNTIME = /[\\/]node_modules[\\/](fabric-contract-api|fabric-shim)[\\/]|[\\/]chaincode[\\/](common|records|identity|logistics)[\\/]/;

/** The files a fresh Node process holds in require.cache after requiring `modules`. */
function loadedBy(modules: readonly string[]): string[] {
  for (const file of modules) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  }
  const script = `${modules.map((m) => `require(${JSON.stringify(m)});`).join('')}process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as string[];
}

describe('the built gateway and audit tool', () => {
  it('load neither fabric-contract-api, fabric-shim nor a chaincode package', () => {
    const loaded = loadedBy([
      path.join(REPO, 'gateway-api', 'dist', 'index.js'),
      path.join(REPO, 'gateway-api', 'dist', 'config.js'),
      path.join(REPO, 'audit', 'dist', 'index.js'),
    ]);
    expect(loaded.some((file) => file.includes(`${path.sep}gateway-api${path.sep}dist${path.sep}`))).toBe(true);
    expect(loaded.filter((file) => CHAINCODE_RUNTIME.test(file))).toEqual([]);
  });
});
