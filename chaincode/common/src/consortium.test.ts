import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { activeConsortium, readConsortiumFromEnvironment, useConsortium } from './activeConsortium';
import { collectionMembers, CONSORTIUM_ENV, departmentCollection, departmentsWith, parseConsortiumDescriptor, remitsOf, requireCollectionsDeclared } from '@city-ledger/domain';
import { isRemit, Remit } from '@city-ledger/domain';
import { FOUNDING_CONSORTIUM } from './testing';

const text = JSON.stringify(FOUNDING_CONSORTIUM);
const edit = (change: (d: Record<string, unknown> & { orgs: Record<string, unknown>[] }) => void) => {
  const doc = JSON.parse(text);
  change(doc);
  return JSON.stringify(doc);
};

describe('parseConsortiumDescriptor', () => {
  it('reads a valid descriptor', () => {
    expect(parseConsortiumDescriptor(text, 'f.json')).toEqual(FOUNDING_CONSORTIUM);
  });

  it.each([
    ['not JSON', '{', /f\.json: \(document\) is not JSON/],
    ['no orgs', '{"collections":{}}', /\(document\) must be an object with "orgs"/],
    ['an org that is not an object', edit((d) => d.orgs.push(1 as never)), /orgs\[4\] must be an object/],
    ['a bad MSP ID', edit((d) => (d.orgs[0] = { ...d.orgs[0], mspId: '' })), /orgs\[0\]\.mspId must be an MSP ID/],
    ['a bad name', edit((d) => (d.orgs[0] = { ...d.orgs[0], name: 3 })), /orgs\[0\]\.name must be a name/],
    ['a bad role', edit((d) => (d.orgs[0] = { ...d.orgs[0], role: 'mayor' })), /orgs\[0\]\.role must be "department" or "regulator"/],
    ['an unknown remit', edit((d) => (d.orgs[1] = { ...d.orgs[1], remits: ['payroll'] })), /orgs\[1\]\.remits must be a list of property/],
    ['a regulator with remits', edit((d) => (d.orgs[0] = { ...d.orgs[0], remits: ['permits'] })), /orgs\[0\]\.remits must be empty for a regulator/],
    ['an MSP ID twice', edit((d) => d.orgs.push(d.orgs[1] as Record<string, unknown>)), /orgs lists an MSP ID twice/],
    ['no department', edit((d) => (d.orgs = [d.orgs[0] as Record<string, unknown>])), /orgs has no department/],
    ['a collection without members', edit((d) => (d.collections = { x: {} })), /collections\.x must be an object with "members"/],
    ['a regulator as member', edit((d) => (d.collections = { x: { members: ['AuditorMSP'] } })), /collections\.x\.members names AuditorMSP, which is not a department/],
    ['a bad owner', edit((d) => (d.collections = { x: { members: ['HealthMSP'], department: 'AuditorMSP' } })), /collections\.x\.department must be a department MSP ID/],
  ])('refuses %s, naming the file and the field', (_what, input, message) => {
    expect(() => parseConsortiumDescriptor(input, 'f.json')).toThrow(message);
  });
});

describe('queries', () => {
  it('answer remits, holders and collections', () => {
    expect(remitsOf(FOUNDING_CONSORTIUM, 'PublicWorksMSP')).toEqual(['works', 'procurement', 'logistics', 'devices', 'energy-market']);
    expect(remitsOf(FOUNDING_CONSORTIUM, 'NopeMSP')).toEqual([]);
    expect(departmentsWith(FOUNDING_CONSORTIUM, [Remit.Permits, Remit.Works])).toEqual(['RegistryMSP', 'PublicWorksMSP']);
    expect(collectionMembers(FOUNDING_CONSORTIUM, 'registryVitalRecords')).toEqual(['RegistryMSP']);
    expect(() => collectionMembers(FOUNDING_CONSORTIUM, 'nope')).toThrow('collection nope is not in the consortium descriptor');
    expect(() => requireCollectionsDeclared(FOUNDING_CONSORTIUM, ['registryVitalRecords', 'nope'])).toThrow(/nope/);
    expect(departmentCollection(FOUNDING_CONSORTIUM, 'HealthMSP')).toBe('healthCitizens');
    expect(departmentCollection(FOUNDING_CONSORTIUM, 'AuditorMSP')).toBeUndefined();
    expect(isRemit('works')).toBe(true);
    expect(isRemit('payroll')).toBe(false);
  });
});

describe('the descriptor of a chaincode server', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'city-consortium-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    useConsortium(FOUNDING_CONSORTIUM);
  });

  it('is read from the file named by CITY_LEDGER_CONSORTIUM', () => {
    const file = path.join(dir, 'consortium.json');
    writeFileSync(file, text);
    expect(readConsortiumFromEnvironment({ [CONSORTIUM_ENV]: file })).toEqual(FOUNDING_CONSORTIUM);
  });

  it('fails clearly when the variable is unset, the file is missing or invalid', () => {
    expect(() => readConsortiumFromEnvironment({})).toThrow(`${CONSORTIUM_ENV} is not set`);
    expect(() => readConsortiumFromEnvironment({ [CONSORTIUM_ENV]: path.join(dir, 'none.json') })).toThrow(/cannot be read/);
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '[]');
    expect(() => readConsortiumFromEnvironment({ [CONSORTIUM_ENV]: bad })).toThrow(/consortium descriptor .*bad\.json/);
  });

  it('is the installed one once installed', () => {
    const one = { ...FOUNDING_CONSORTIUM, collections: {} };
    useConsortium(one);
    expect(activeConsortium()).toBe(one);
  });
});
