import { parseConsortiumDescriptor } from '@city-ledger/domain';
import { FOUNDING_CONSORTIUM } from '@city-ledger/chaincode-common/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadChaincodes } from './chaincodes';
import { collectionsConfig } from './collections';
import { loadConsortium } from './consortium';
import { consortiumDescriptor } from './descriptor';
import type { OrgDeclaration } from './orgFile';

const REPO = path.resolve(__dirname, '..', '..');
const consortium = loadConsortium(path.join(REPO, 'organizations'));
const chaincodes = loadChaincodes(path.join(REPO, 'chaincode', 'chaincodes.yaml'));
const byName = (name: string) => chaincodes.find((c) => c.name === name) ?? fail(`no chaincode ${name}`);
const health = consortium.orgs.find((o) => o.key === 'health') as OrgDeclaration;
const transit = (remits: OrgDeclaration['remits']): OrgDeclaration => ({ ...health, key: 'transit', name: 'Transit', mspId: 'TransitMSP', remits });

describe('the consortium descriptor', () => {
  test('of the org files is the fixture the chaincode unit tests run with, and the chaincode accepts it', () => {
    const descriptor = consortiumDescriptor(consortium, chaincodes);
    expect(descriptor).toEqual(FOUNDING_CONSORTIUM);
    expect(parseConsortiumDescriptor(JSON.stringify(descriptor), 'generated')).toEqual(descriptor);
  });

  test('gives a new department its remits, its own citizen collection and the collections of its remits', () => {
    const descriptor = consortiumDescriptor({ orgs: [...consortium.orgs, transit(['permits'])] }, chaincodes);
    expect(descriptor.orgs.at(-1)).toEqual({ mspId: 'TransitMSP', name: 'Transit', role: 'department', remits: ['permits'] });
    expect(descriptor.collections.transitCitizens).toEqual({ members: ['TransitMSP'], department: 'TransitMSP' });
    expect(descriptor.collections.registryPublicWorksPermitApplicants?.members).toEqual(['RegistryMSP', 'TransitMSP', 'PublicWorksMSP']);
    expect(descriptor.collections.registryPropertyOwners?.members).toEqual(['RegistryMSP']);
  });
});

test('keeps the citizen collection of a department that left, owned by no one, shared by those that remain', () => {
  const descriptor = consortiumDescriptor(consortium, chaincodes, [transit([])]);
  expect(descriptor.collections.transitCitizens).toEqual({ members: ['HealthMSP', 'PublicWorksMSP', 'RegistryMSP'] });
  expect(consortiumDescriptor(consortium, chaincodes, [health]).collections.healthCitizens).toEqual({ members: ['HealthMSP'], department: 'HealthMSP' });
});

describe('generated collections_config.json', () => {
  const configs = chaincodes.flatMap((cc) => collectionsConfig(consortium, cc.collections));
  const peersOf = new Map(consortium.orgs.map((o) => [o.mspId, o.peers.length]));
  const msps = (policy: string, role: string) => [...policy.matchAll(new RegExp(`'([A-Za-z0-9]+)\\.${role}'`, 'g'))].map((m) => m[1] as string);

  test.each(configs.map((c) => [c.name, c] as const))('%s: member-only, never the Auditor, disseminated to every other member peer', (_name, c) => {
    const members = msps(c.policy, 'member');
    expect(c.policy).toBe(`OR(${members.map((m) => `'${m}.member'`).join(', ')})`);
    expect(members).not.toContain('AuditorMSP');
    expect(c.memberOnlyRead).toBe(true);
    expect(c.memberOnlyWrite).toBe(true);
    const otherPeers = members.reduce((sum, m) => sum + (peersOf.get(m) ?? 0), 0) - 1;
    expect(c.requiredPeerCount).toBe(Math.max(0, Math.min(1, otherPeers - 1)));
    expect(c.requiredPeerCount).toBeLessThanOrEqual(c.maxPeerCount);
    if (c.endorsementPolicy) expect(msps(c.endorsementPolicy.signaturePolicy, 'peer')).toEqual(members);
  });

  test('keeps the names, members and retention the chaincode relies on', () => {
    const summary = Object.fromEntries(configs.map((c) => [c.name, [c.policy, c.blockToLive, c.maxPeerCount, c.endorsementPolicy !== undefined]]));
    expect(summary).toEqual({
      registryPropertyOwners: ["OR('RegistryMSP.member')", 0, 1, true],
      registryVitalRecords: ["OR('RegistryMSP.member')", 0, 1, true],
      registryHealthDeathRecords: ["OR('RegistryMSP.member', 'HealthMSP.member')", 0, 2, true],
      registryHealthDeathCauses: ["OR('RegistryMSP.member', 'HealthMSP.member')", 0, 2, true],
      registryPublicWorksPermitApplicants: ["OR('RegistryMSP.member', 'PublicWorksMSP.member')", 250000, 2, true],
      healthCitizens: ["OR('HealthMSP.member')", 0, 0, true],
      publicWorksCitizens: ["OR('PublicWorksMSP.member')", 0, 0, true],
      registryCitizens: ["OR('RegistryMSP.member')", 0, 1, true],
      publicWorksSupplierTerms: ["OR('PublicWorksMSP.member')", 0, 1, false],
      energyMarketPositions: ["OR('PublicWorksMSP.member')", 0, 0, true],
    });
  });

  test('refuses a collection whose remits no department holds', () => {
    const works = byName('records').collections.filter((c) => c.name === 'registryPublicWorksPermitApplicants');
    const onlyRegistry = { orgs: consortium.orgs.filter((o) => o.key !== 'publicworks' && o.key !== 'registry') };
    expect(() => collectionsConfig(onlyRegistry, works)).toThrow(/no department holds any of the remits permits, works/);
  });
});

describe('collection declarations in chaincodes.yaml', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'city-collections-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const load = (collections: string) => {
    const file = path.join(dir, 'chaincodes.yaml');
    writeFileSync(file, `chaincodes:\n  - {name: a, path: x, portOffset: 0, endorsementPolicy: anyDepartment, collections: ${collections}}\n`);
    return () => loadChaincodes(file);
  };

  test.each([
    ['not a list', '{}', /collections" must be a list/],
    ['an unknown field', '[{name: c, members: [works], colour: red}]', /collections\[0\]\.colour" is not a known field/],
    ['a bad name', '[{name: "c d", members: [works]}]', /collections\[0\]\.name" must be a collection name/],
    ['a name twice', '[{name: c, members: [works]}, {name: c, members: [works]}]', /collections\[1\]\.name" is declared twice/],
    ['an unknown remit', '[{name: c, members: [payroll]}]', /collections\[0\]\.members" must list remits/],
    ['no members', '[{name: c}]', /collections\[0\]\.members" must list remits/],
    ['perDepartment without {department}', '[{name: c, perDepartment: true}]', /must contain \{department\} exactly when perDepartment is true/],
    ['a bad perDepartment', '[{name: c, perDepartment: 1, members: [works]}]', /perDepartment" must be true or false/],
    ['a bad blockToLive', '[{name: c, members: [works], blockToLive: -1}]', /blockToLive" must be a whole number/],
    ['a bad maxPeerCount', '[{name: c, members: [works], maxPeerCount: x}]', /maxPeerCount" must be a whole number/],
    ['a bad memberEndorsement', '[{name: c, members: [works], memberEndorsement: 1}]', /memberEndorsement" must be true or false/],
  ])('refuses %s, naming the field', (_what, collections, message) => {
    expect(load(collections)).toThrow(message);
  });
});
