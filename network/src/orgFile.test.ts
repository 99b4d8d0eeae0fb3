import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { configtxYaml } from './configtx';
import { consenters, findOrg, loadConsortium } from './consortium';
import { RuntimeLayout } from './layout';
import { loadOrgFile, OrgFileError, parseOrg } from './orgFile';
import { departmentMajority } from './policies';

const ORGS_DIR = path.resolve(__dirname, '..', '..', 'organizations');

const valid = () => ({
  name: 'Parks',
  mspId: 'ParksMSP',
  role: 'department',
  domain: 'parks.city.local',
  ca: { port: 11054, operationsPort: 21054 },
  tlsCa: { port: 11055, operationsPort: 21055 },
  chaincodeServerBasePort: 11070,
  gatewayPort: 11443,
  orderers: [{ name: 'orderer0', port: 11050, adminPort: 11053, operationsPort: 21050 }],
  peers: [{ name: 'peer0', port: 11051, chaincodePort: 11052, operationsPort: 21051, anchor: true }],
  users: [{ name: 'ranger1', role: 'ranger' }],
});

function expectFieldError(doc: unknown, field: string): void {
  let caught: unknown;
  try {
    parseOrg('organizations/parks.yaml', typeof doc === 'string' ? doc : stringify(doc));
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(OrgFileError);
  expect((caught as OrgFileError).field).toBe(field);
  expect((caught as OrgFileError).message).toContain(`organizations/parks.yaml: field "${field}"`);
}

describe('org files', () => {
  test('remits: a department lists remits of the vocabulary; a regulator lists none', () => {
    expect(parseOrg('parks.yaml', stringify({ ...valid(), remits: ['works', 'logistics'] })).remits).toEqual(['works', 'logistics']);
    expect(parseOrg('parks.yaml', stringify(valid())).remits).toEqual([]);
    expectFieldError({ ...valid(), remits: ['works', 'payroll'] }, 'remits[1]');
    expectFieldError({ ...valid(), remits: ['works', 'works'] }, 'remits[1]');
    expectFieldError({ ...valid(), remits: 'works' }, 'remits');
    expectFieldError({ ...valid(), role: 'regulator', remits: ['permits'] }, 'remits');
    expect(loadConsortium(ORGS_DIR).orgs.map((o) => [o.key, o.remits])).toEqual([
      ['auditor', []],
      ['health', ['health-records', 'environment']],
      ['publicworks', ['works', 'procurement', 'logistics', 'devices', 'energy-market']],
      ['registry', ['property', 'vital-records', 'permits', 'budget', 'council']],
    ]);
  });

  test('a valid file parses, with defaults for optional fields', () => {
    const doc = valid();
    const org = parseOrg('organizations/parks.yaml', stringify(doc));
    expect(org).toMatchObject({ key: 'parks', mspId: 'ParksMSP', role: 'department' });
    expect(org.orderers[0]?.profiles).toEqual(['raft', 'bft']);
  });

  test.each([
    ['mspId', (d: Record<string, unknown>) => delete d.mspId],
    ['mspId', (d: Record<string, unknown>) => (d.mspId = 'Parks')],
    ['role', (d: Record<string, unknown>) => (d.role = 'mayor')],
    ['domain', (d: Record<string, unknown>) => (d.domain = 'Not A Domain')],
    ['ca', (d: Record<string, unknown>) => delete d.ca],
    ['ca.port', (d: Record<string, unknown>) => (d.ca = { port: 80, operationsPort: 21054 })],
    ['tlsCa.operationsPort', (d: Record<string, unknown>) => (d.tlsCa = { port: 11055, operationsPort: 'x' })],
    ['peers', (d: Record<string, unknown>) => delete d.peers],
    ['peers', (d: Record<string, unknown>) => (d.peers = [])],
    ['peers[0].chaincodePort', (d: Record<string, unknown>) => (d.peers = [{ name: 'peer0', port: 11051, operationsPort: 21051 }])],
    ['peers[0].anchor', (d: Record<string, unknown>) => (d.peers = [{ ...valid().peers[0], anchor: 'yes' }])],
    ['orderers[0].profiles', (d: Record<string, unknown>) => (d.orderers = [{ ...valid().orderers[0], profiles: ['pbft'] }])],
    ['orderers', (d: Record<string, unknown>) => (d.orderers = 'orderer0')],
    ['users[0].role', (d: Record<string, unknown>) => (d.users = [{ name: 'ranger1' }])],
    ['colour', (d: Record<string, unknown>) => (d.colour = 'green')],
    ['host', (d: Record<string, unknown>) => (d.host = '0.0.0.0')],
    ['ca.host', (d: Record<string, unknown>) => (d.ca = { host: 'ca host', port: 11054, operationsPort: 21054 })],
    ['peers[0].host', (d: Record<string, unknown>) => (d.peers = [{ ...valid().peers[0], host: '::1' }])],
    ['orderers[0].host', (d: Record<string, unknown>) => (d.orderers = [{ ...valid().orderers[0], host: 10 }])],
    ['gatewayHost', (d: Record<string, unknown>) => (d.gatewayHost = 'gw.parks:8443')],
    ['chaincodeServerHost', (d: Record<string, unknown>) => (d.chaincodeServerHost = '')],
  ])('a bad or missing %s is named in the error', (field, mutate) => {
    const doc = valid() as unknown as Record<string, unknown>;
    mutate(doc);
    expectFieldError(doc, field);
  });

  test("every node runs on 127.0.0.1 unless it, or its org, names a host", () => {
    const plain = parseOrg('parks.yaml', stringify(valid()));
    expect([plain.host, plain.ca.host, plain.tlsCa.host, plain.gatewayHost, plain.chaincodeServerHost]).toEqual(Array(5).fill('127.0.0.1'));
    expect([...plain.orderers, ...plain.peers].map((n) => n.host)).toEqual(['127.0.0.1', '127.0.0.1']);
    const doc = valid();
    const placed = parseOrg(
      'parks.yaml',
      stringify({ ...doc, host: '10.254.35.2', gatewayHost: 'gw.parks.example', peers: [{ ...doc.peers[0], host: 'peer0.parks.example' }] }),
    );
    expect([placed.ca.host, placed.tlsCa.host, placed.chaincodeServerHost, placed.orderers[0]?.host]).toEqual(Array(4).fill('10.254.35.2'));
    expect([placed.gatewayHost, placed.peers[0]?.host]).toEqual(['gw.parks.example', 'peer0.parks.example']);
  });

  test('a file that is not a YAML mapping is refused', () => {
    expectFieldError('- just\n- a list\n', '(document)');
    expectFieldError('name: [unclosed', '(document)');
  });

  test('a missing file is reported with its path', () => {
    expect(() => loadOrgFile('/nonexistent/parks.yaml')).toThrow('/nonexistent/parks.yaml: field "(file)"');
  });
});

describe('the consortium', () => {
  test('the shipped org files declare the default city consortium', () => {
    const { orgs } = loadConsortium(ORGS_DIR);
    expect(orgs.map((o) => [o.mspId, o.role, o.peers.length])).toEqual([
      ['AuditorMSP', 'regulator', 1],
      ['HealthMSP', 'department', 1],
      ['PublicWorksMSP', 'department', 1],
      ['RegistryMSP', 'department', 2],
    ]);
    expect(consenters({ orgs }, 'raft').map((c) => c.org.mspId)).toEqual(['HealthMSP', 'PublicWorksMSP', 'RegistryMSP']);
    expect(consenters({ orgs }, 'bft')).toHaveLength(4);
    expect(findOrg({ orgs }, 'registry').mspId).toBe('RegistryMSP');
    expect(() => findOrg({ orgs }, 'parks')).toThrow('no org "parks"');
  });

  test('a port used twice is refused, naming both places', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'orgs-'));
    try {
      for (const f of ['registry.yaml', 'health.yaml']) writeFileSync(path.join(dir, f), readFileSync(path.join(ORGS_DIR, f)));
      const clash = { ...valid(), ca: { port: 7054, operationsPort: 21054 } };
      writeFileSync(path.join(dir, 'zoo.yaml'), stringify(clash));
      expect(() => loadConsortium(dir)).toThrow(/zoo\.yaml: field "ca\.port" duplicates .*registry\.yaml ca\.port/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a port is taken on one host: an org on its own host may reuse it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'orgs-'));
    try {
      for (const f of ['registry.yaml', 'health.yaml']) writeFileSync(path.join(dir, f), readFileSync(path.join(ORGS_DIR, f)));
      const same = { ...valid(), ca: { port: 7054, operationsPort: 21054 } };
      writeFileSync(path.join(dir, 'zoo.yaml'), stringify({ ...same, host: '10.254.35.2' }));
      expect(loadConsortium(dir).orgs.map((o) => o.ca.port)).toEqual([8054, 7054, 7054]);
      // Its own host, but a node moved back to loopback clashes again.
      writeFileSync(path.join(dir, 'zoo.yaml'), stringify({ ...same, host: '10.254.35.2', ca: { ...same.ca, host: '127.0.0.1' } }));
      expect(() => loadConsortium(dir)).toThrow(/zoo\.yaml: field "ca\.port" duplicates .*registry\.yaml ca\.port/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an empty organizations folder is refused', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'orgs-'));
    try {
      expect(() => loadConsortium(dir)).toThrow('holds no org files');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('BFT needs four consenters', () => {
    const { orgs } = loadConsortium(ORGS_DIR);
    expect(() => consenters({ orgs: orgs.filter((o) => o.role === 'department') }, 'bft')).toThrow('at least 4 consenters');
  });
});

describe('configtx generation', () => {
  const { orgs } = loadConsortium(ORGS_DIR);
  const layout = new RuntimeLayout('/rt');

  test('Raft: three department consenters, the Auditor read-only', () => {
    const yaml = configtxYaml({ orgs }, layout, 'raft');
    expect(yaml).toContain('OrdererType: etcdraft');
    // The Auditor's clients are not writers; only its admin is (for lifecycle approvals).
    expect(yaml).toMatch(/Writers:\n\s+Type: Signature\n\s+Rule: OR\('AuditorMSP.admin'\)/);
    expect(yaml).not.toMatch(/Writers:\n\s+Type: Signature\n\s+Rule: OR\('AuditorMSP.member'\)/);
    // Endorsement majorities count departments only.
    expect(departmentMajority({ orgs })).toBe("OutOf(2, 'HealthMSP.peer', 'PublicWorksMSP.peer', 'RegistryMSP.peer')");
    expect(yaml).toContain("LifecycleEndorsement:\n          Type: Signature\n          Rule: OutOf(2, 'HealthMSP.peer'");
    expect(yaml.match(/ClientTLSCert:/g)).toHaveLength(3);
    expect(yaml).toContain('peer/Propose: /Channel/Application/Readers');
  });

  test('BFT: four consenters with V3_0', () => {
    const yaml = configtxYaml({ orgs }, layout, 'bft');
    expect(yaml).toContain('OrdererType: BFT');
    expect(yaml).toContain('V3_0: true');
    expect(yaml.match(/MSPID:/g)).toHaveLength(4);
    expect(yaml).toContain('/rt/exchange/nodes/auditor-orderer0/msp/signcerts/cert.pem');
    // SmartBFT checks block proposals against the orderer orgs' Writers: the Auditor's orderer must pass.
    expect(yaml).toContain("Rule: OR('AuditorMSP.admin', 'AuditorMSP.orderer')");
  });
});
