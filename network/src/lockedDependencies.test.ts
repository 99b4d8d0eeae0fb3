import { lockedDependencies, type PackageLock } from './lockedDependencies';

const lock: PackageLock = {
  packages: {
    '': { dependencies: {} },
    'chaincode/records': { version: '0.1.0', dependencies: { '@city-ledger/chaincode-common': '0.1.0', shim: '2.5.8' } },
    'chaincode/common': { version: '0.1.0', dependencies: { 'class-transformer': '0.4.0' } },
    'gateway-api': { version: '0.1.0', dependencies: { express: '5.3.0' } },
    'node_modules/@city-ledger/chaincode-common': { resolved: 'chaincode/common', link: true },
    'node_modules/shim': { version: '2.5.8', integrity: 'sha512-shim', dependencies: { util: '^1' } },
    'node_modules/shim/node_modules/util': { version: '1.0.0', integrity: 'sha512-nested-util' },
    'node_modules/util': { version: '2.0.0', integrity: 'sha512-top-util' },
    'node_modules/class-transformer': { version: '0.4.0', integrity: 'sha512-ct' },
    'node_modules/express': { version: '5.3.0', integrity: 'sha512-express' },
  },
};

describe('lockedDependencies', () => {
  it('follows workspace links and nested node_modules, and leaves out other workspaces', () => {
    expect(lockedDependencies(lock, 'chaincode/records')).toEqual([
      'chaincode/common',
      'chaincode/records',
      'node_modules/@city-ledger/chaincode-common -> chaincode/common',
      'node_modules/class-transformer@0.4.0 sha512-ct',
      'node_modules/shim/node_modules/util@1.0.0 sha512-nested-util',
      'node_modules/shim@2.5.8 sha512-shim',
    ]);
  });

  it('changes when a dependency the workspace runs changes, not when another workspace changes', () => {
    const before = lockedDependencies(lock, 'chaincode/records');
    const gatewayBump = { packages: { ...lock.packages, 'node_modules/express': { version: '5.4.0', integrity: 'sha512-new' } } };
    expect(lockedDependencies(gatewayBump, 'chaincode/records')).toEqual(before);
    const shimBump = { packages: { ...lock.packages, 'node_modules/class-transformer': { version: '0.4.1', integrity: 'sha512-ct2' } } };
    expect(lockedDependencies(shimBump, 'chaincode/records')).not.toEqual(before);
  });

  it('refuses a workspace the lock does not know', () => {
    expect(() => lockedDependencies(lock, 'chaincode/parks')).toThrow(/no workspace chaincode\/parks/);
  });
});
