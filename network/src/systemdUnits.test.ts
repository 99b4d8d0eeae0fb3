import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadChaincodes } from './chaincodes';
import { findOrg, loadConsortium } from './consortium';
import { RuntimeLayout } from './layout';
import { caEnvironment, chaincodeHostEnvironment, EnvironmentContext, gatewayEnvironment, peerEnvironment } from './nodeEnvironments';
import { orgTarget, orgUnits, renderTarget, renderUnit, SystemdUnit, UnitOptions } from './systemdUnits';

const REPO_DIR = path.resolve(__dirname, '..', '..');
const ORGS_DIR = path.join(REPO_DIR, 'organizations');

function context(profile: 'raft' | 'bft' = 'raft', root = '/srv/city-ledger/runtime'): EnvironmentContext {
  return {
    consortium: loadConsortium(ORGS_DIR),
    chaincodes: loadChaincodes(path.join(REPO_DIR, 'chaincode', 'chaincodes.yaml')),
    layout: new RuntimeLayout(root),
    profile,
    repoDir: '/opt/city-ledger',
    orgsDir: ORGS_DIR,
  };
}

const OPTIONS: UnitOptions = { fabricBinDir: '/opt/fabric/bin', fabricConfigDir: '/opt/fabric/config', nodeBin: '/opt/city-ledger/node_modules/.bin/node' };

/** Every value of a key in a section. */
const values = (lines: SystemdUnit['service'], key: string) => lines.filter(([k]) => k === key).map(([, v]) => v);
const value = (lines: SystemdUnit['service'], key: string) => values(lines, key).join('\n');

describe('systemd units of an org', () => {
  const ctx = context();
  const registry = findOrg(ctx.consortium, 'registry');
  const units = orgUnits(ctx, registry, OPTIONS);
  const unit = (name: string) => {
    const found = units.find((u) => u.name === `city-ledger-registry-${name}.service`);
    if (!found) throw new Error(`no unit ${name} in ${units.map((u) => u.name).join(', ')}`);
    return found;
  };

  test('one unit per process: both CAs, the orderer, each peer, the chaincode host and the gateway', () => {
    expect(units.map((u) => u.name)).toEqual([
      'city-ledger-registry-ca.service',
      'city-ledger-registry-tlsca.service',
      'city-ledger-registry-orderer0.service',
      'city-ledger-registry-peer0.service',
      'city-ledger-registry-peer1.service',
      'city-ledger-registry-chaincodes.service',
      'city-ledger-registry-gateway.service',
    ]);
  });

  test("every unit runs as the org's own user, restarts on failure with a backoff and starts with the org's target", () => {
    for (const u of units) {
      expect([value(u.service, 'User'), value(u.service, 'Group')]).toEqual(['city-registry', 'city-registry']);
      expect([value(u.service, 'Restart'), value(u.service, 'RestartSec')]).toEqual(['on-failure', '5s']);
      expect(value(u.unit, 'StartLimitBurst')).toBe('5');
      expect(value(u.service, 'WorkingDirectory')).toBe('/srv/city-ledger/runtime/homes/registry');
      expect(value(u.install, 'WantedBy')).toBe(orgTarget(registry));
    }
    expect(renderTarget(registry, units)).toContain(`Wants=${units.map((u) => u.name).join(' ')}`);
  });

  test('the user and group can be overridden', () => {
    const [ca] = orgUnits(ctx, registry, { ...OPTIONS, user: 'fabric', group: 'ledger' });
    expect([value(ca?.service ?? [], 'User'), value(ca?.service ?? [], 'Group')]).toEqual(['fabric', 'ledger']);
  });

  test('each unit reads the env file the start script sources, generated from the same environment', () => {
    const [peer0] = registry.peers;
    if (!peer0) throw new Error('registry declares a peer');
    const expected: [string, string][] = [
      ['ca', caEnvironment(ctx, registry, 'ca').home],
      ['tlsca', caEnvironment(ctx, registry, 'tlsca').home],
      ['peer0', peerEnvironment(ctx, registry, peer0).home],
      ['chaincodes', chaincodeHostEnvironment(ctx, registry).home],
      ['gateway', gatewayEnvironment(ctx, registry).home],
    ];
    for (const [name, home] of expected) expect(value(unit(name).service, 'EnvironmentFile')).toBe(ctx.layout.envFile(home));
  });

  test('ExecStart runs what network/nodes/*.sh run', () => {
    expect(value(unit('peer0').service, 'ExecStart')).toBe('/opt/fabric/bin/peer node start');
    expect(value(unit('orderer0').service, 'ExecStart')).toBe('/opt/fabric/bin/orderer');
    expect(values(unit('peer0').service, 'Environment')).toContain('FABRIC_CFG_PATH=/opt/fabric/config');
    expect(value(unit('ca').service, 'ExecStart')).toBe(
      `/bin/sh -c 'FABRIC_CA_SERVER_BOOT="admin:$$(cat /srv/city-ledger/runtime/homes/registry/ca/bootstrap.secret)"; export FABRIC_CA_SERVER_BOOT; exec "$$@"' sh /opt/fabric/bin/fabric-ca-server start`,
    );
    expect(value(unit('chaincodes').service, 'ExecStart')).toBe(
      [
        '/opt/city-ledger/node_modules/.bin/node /opt/city-ledger/chaincode/common/dist/host/main.js',
        ...ctx.chaincodes.map((cc) => `/srv/city-ledger/runtime/homes/registry/chaincode/${cc.name}/server.json`),
      ].join(' '),
    );
    expect(value(unit('gateway').service, 'ExecStart')).toBe('/opt/city-ledger/node_modules/.bin/node /opt/city-ledger/gateway-api/dist/main.js');
  });

  test('chaincode servers and the gateway start after the peers; peers and orderers wait for no other node', () => {
    const peers = ['city-ledger-registry-peer0.service', 'city-ledger-registry-peer1.service'];
    for (const name of ['chaincodes', 'gateway']) {
      for (const key of ['After', 'Wants']) expect(value(unit(name).unit, key).split(' ')).toEqual(expect.arrayContaining(['network-online.target', ...peers]));
    }
    expect(value(unit('gateway').unit, 'After').split(' ')).toContain('city-ledger-registry-ca.service');
    for (const name of ['peer0', 'orderer0', 'ca']) expect(value(unit(name).unit, 'After')).toBe('network-online.target');
  });

  test('the sandbox lets a node write only its own data folder, created for its user before it starts', () => {
    const data = '/srv/city-ledger/runtime/homes/registry/nodes/registry-peer0/data';
    const peer = unit('peer0').service;
    expect(value(peer, 'ReadWritePaths')).toBe(data);
    expect(value(peer, 'ExecStartPre')).toBe(`+/usr/bin/install -d -o city-registry -g city-registry -m 0750 ${data}`);
    expect(value(unit('ca').service, 'ReadWritePaths')).toBe('/srv/city-ledger/runtime/homes/registry/ca');
    expect(value(unit('chaincodes').service, 'ReadWritePaths')).toBe('');
    for (const u of units) {
      expect(['NoNewPrivileges', 'PrivateTmp', 'ProtectHome'].map((k) => value(u.service, k))).toEqual(['yes', 'yes', 'yes']);
      expect(value(u.service, 'ProtectSystem')).toBe('strict');
    }
  });

  test('a repo or Fabric under a home folder is only made read-only, so that its binaries stay visible', () => {
    const [ca] = orgUnits(ctx, registry, { ...OPTIONS, fabricBinDir: '/root/.cache/city-ledger/bin' });
    expect(value(ca?.service ?? [], 'ProtectHome')).toBe('read-only');
  });

  test("a BFT-only orderer gets a unit under the BFT profile only", () => {
    const auditor = findOrg(ctx.consortium, 'auditor');
    const orderers = (profile: 'raft' | 'bft') => orgUnits(context(profile), auditor, OPTIONS).filter((u) => /orderer/.test(u.name)).length;
    expect(orderers('bft')).toBeGreaterThan(orderers('raft'));
  });

  test('a path systemd would split or expand is refused with a clear error', () => {
    expect(() => orgUnits(context('raft', '/srv/city ledger'), registry, OPTIONS)).toThrow(/^UNIT_PATH: "\/srv\/city ledger\/homes\/registry/);
  });

  const analyze = spawnSync('systemd-analyze', ['--version']).status === 0 ? test : test.skip;
  analyze('systemd-analyze verify accepts every generated unit and the target', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'units-'));
    try {
      // verify checks that each ExecStart binary exists: stand-ins for Fabric and Node.
      for (const bin of ['peer', 'orderer', 'fabric-ca-server', 'node']) {
        writeFileSync(path.join(dir, bin), '#!/bin/sh\n');
        chmodSync(path.join(dir, bin), 0o755);
      }
      const local = orgUnits(ctx, registry, { fabricBinDir: dir, fabricConfigDir: dir, nodeBin: path.join(dir, 'node') });
      const files = local.map((u) => {
        writeFileSync(path.join(dir, u.name), renderUnit(u));
        return path.join(dir, u.name);
      });
      writeFileSync(path.join(dir, orgTarget(registry)), renderTarget(registry, local));
      const run = spawnSync('systemd-analyze', ['verify', '--man=no', ...files, path.join(dir, orgTarget(registry))], { encoding: 'utf8', timeout: 60_000 });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
