import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SigningIdentity } from './configSignature';
import { ConfigGroupJson, ConfigUpdateJson } from './modPolicy';
import { ChannelConfigJson, ProposalError, ProposalStore } from './proposals';

const dir = mkdtempSync(path.join(os.tmpdir(), 'city-proposals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

/** A CA per org (openssl), and identities it issues with a NodeOU: what Fabric CA gives the network. */
function ca(org: string): string {
  openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${org}-ca.key`);
  openssl('req', '-x509', '-new', '-key', `${org}-ca.key`, '-subj', `/O=${org}/CN=ca.${org}`, '-days', '2', '-out', `${org}-ca.pem`);
  return readFileSync(path.join(dir, `${org}-ca.pem`), 'utf8');
}
function identity(org: string, mspId: string, ou: string): SigningIdentity {
  const name = `${org}-${ou}`;
  openssl('ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`);
  openssl('req', '-new', '-key', `${name}.key`, '-subj', `/O=Hyperledger/OU=${ou}/CN=${ou}.${org}`, '-out', `${name}.csr`);
  openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${org}-ca.pem`, '-CAkey', `${org}-ca.key`, '-CAcreateserial', '-days', '2', '-out', `${name}.pem`);
  return { mspId, certPem: readFileSync(path.join(dir, `${name}.pem`), 'utf8'), keyPem: readFileSync(path.join(dir, `${name}.key`), 'utf8') };
}

const roots = { HealthMSP: ca('health'), RegistryMSP: ca('registry'), PublicWorksMSP: ca('publicworks') };
const healthAdmin = identity('health', 'HealthMSP', 'admin');
const healthClerk = identity('health', 'HealthMSP', 'client');
const registryAdmin = identity('registry', 'RegistryMSP', 'admin');
const worksAdmin = identity('publicworks', 'PublicWorksMSP', 'admin');

const member = (msp: string, root: string): ConfigGroupJson => ({
  version: '0',
  mod_policy: 'Admins',
  policies: {
    Admins: {
      version: '0',
      mod_policy: 'Admins',
      policy: {
        type: 1,
        value: { identities: [{ principal_classification: 'ROLE', principal: { msp_identifier: msp, role: 'ADMIN' } }], rule: { n_out_of: { n: 1, rules: [{ signed_by: 0 }] } } },
      },
    },
  },
  values: { MSP: { version: '0', mod_policy: 'Admins', value: { config: { root_certs: [Buffer.from(root).toString('base64')] } } } },
});
const PROPOSE = { 'peer/Propose': { policy_ref: '/Channel/Application/Readers' } };
const config = (sequence: string): ChannelConfigJson => ({
  sequence,
  channel_group: {
    version: '0',
    groups: {
      Application: {
        version: '1',
        mod_policy: 'Admins',
        policies: { Admins: { version: '0', mod_policy: 'Admins', policy: { type: 3, value: { rule: 'MAJORITY', sub_policy: 'Admins' } } } },
        values: { ACLs: { version: '0', mod_policy: 'Admins', value: { acls: PROPOSE } } },
        groups: Object.fromEntries(Object.entries(roots).map(([msp, root]) => [msp, member(msp, root)])),
      },
    },
  },
});
const aclUpdate = (channel = 'city', acl = 'city/Probe'): Buffer =>
  Buffer.from(
    JSON.stringify({
      channel_id: channel,
      read_set: { groups: { Application: { version: '1' } } },
      write_set: { groups: { Application: { version: '1', values: { ACLs: { version: '1', value: { acls: { ...PROPOSE, [acl]: { policy_ref: '/Channel/Application/Readers' } } } } } } } },
    } satisfies ConfigUpdateJson),
  );

/** In these tests the update's bytes are its JSON; the network CLI decodes protobuf with configtxlator. */
const store = new ProposalStore(path.join(dir, 'exchange', 'proposals'), 'city', (bytes) => JSON.parse(bytes.toString('utf8')) as ConfigUpdateJson);

function refusal(action: () => unknown): string {
  try {
    action();
  } catch (err) {
    if (err instanceof ProposalError) return err.code;
    throw err;
  }
  throw new Error('not refused');
}

describe('config update proposals', () => {
  test('propose writes the update, its record and a summary; the same update is the same proposal', () => {
    const { id, summary } = store.propose('probe ACL', aclUpdate(), config('4'));
    expect(summary).toEqual([expect.stringMatching(/^changed value \/Channel\/Application\/values\/ACLs \(needs \/Channel\/Application\/Admins\): acls\.city\/Probe: nothing -> \{"policy_ref":"\/Channel\/Application\/Readers"\}$/)]);
    expect(readdirSync(store.folder(id)).sort()).toEqual(['proposal.json', 'signatures', 'summary.txt', 'update.pb']);
    expect(JSON.parse(readFileSync(path.join(store.folder(id), 'proposal.json'), 'utf8'))).toMatchObject({ channel: 'city', sequence: '4', what: 'probe ACL' });
    expect(store.propose('probe ACL', aclUpdate(), config('4')).id).toBe(id);
  });

  test('an update for another channel, or that changes nothing, is refused and writes nothing', () => {
    const before = readdirSync(store.dir).length;
    expect(refusal(() => store.propose('elsewhere', aclUpdate('other'), config('4')))).toBe('WRONG_CHANNEL');
    const nothing = Buffer.from(JSON.stringify({ channel_id: 'city', read_set: { version: '0' }, write_set: { version: '0' } }));
    expect(refusal(() => store.propose('nothing', nothing, config('4')))).toBe('NO_CHANGE');
    expect(refusal(() => store.folder('../../etc'))).toBe('UNKNOWN_PROPOSAL');
    expect(readdirSync(store.dir)).toHaveLength(before);
  });

  test('submit waits for a majority of the orgs, naming the missing ones; only admins of the right org sign', () => {
    const { id } = store.propose('probe ACL', aclUpdate(), config('4'));
    const signatures = () => readdirSync(path.join(store.folder(id), 'signatures')).sort();
    store.sign(id, 'HealthMSP', healthAdmin, config('4'));
    expect(() => store.submit(id, config('4'))).toThrow(
      'POLICY_NOT_MET: signed by HealthMSP; missing: /Channel/Application/Admins: MAJORITY of 3 Admins: 1 more of PublicWorksMSP, RegistryMSP',
    );
    expect(existsSync(path.join(store.folder(id), 'envelope.pb'))).toBe(false);

    expect(refusal(() => store.sign(id, 'HealthMSP', healthClerk, config('4')))).toBe('NOT_ADMIN');
    expect(refusal(() => store.sign(id, 'RegistryMSP', { ...healthAdmin, mspId: 'RegistryMSP' }, config('4')))).toBe('WRONG_ORG');
    expect(refusal(() => store.sign(id, 'RegistryMSP', healthAdmin, config('4')))).toBe('WRONG_ORG');
    expect(refusal(() => store.sign(id, 'TransitMSP', { ...healthAdmin, mspId: 'TransitMSP' }, config('4')))).toBe('WRONG_ORG');
    expect(signatures()).toEqual(['HealthMSP.json']);

    store.sign(id, 'RegistryMSP', registryAdmin, config('4'));
    const { envelope, signers } = store.submit(id, config('4'));
    expect(signers).toEqual(['HealthMSP', 'RegistryMSP']);
    // The envelope carries the update's bytes as they were signed.
    expect(readFileSync(envelope).includes(readFileSync(path.join(store.folder(id), 'update.pb')))).toBe(true);
  });

  test('a tampered update or signature, and a stale config sequence, are refused', () => {
    const { id } = store.propose('probe ACL 2', aclUpdate('city', 'city/Probe2'), config('4'));
    store.sign(id, 'HealthMSP', healthAdmin, config('4'));
    store.sign(id, 'PublicWorksMSP', worksAdmin, config('4'));
    const folder = store.folder(id);
    const updateFile = path.join(folder, 'update.pb');
    const original = readFileSync(updateFile);

    writeFileSync(updateFile, aclUpdate('city', 'city/Other'));
    expect(refusal(() => store.sign(id, 'RegistryMSP', registryAdmin, config('4')))).toBe('TAMPERED');
    // Even with the record's digest forged to match, the signatures made before do not.
    const record = path.join(folder, 'proposal.json');
    const recordText = readFileSync(record, 'utf8');
    writeFileSync(record, recordText.replace(/"sha256": "[0-9a-f]+"/, `"sha256": "${createHash('sha256').update(readFileSync(updateFile)).digest('hex')}"`));
    expect(refusal(() => store.submit(id, config('4')))).toBe('TAMPERED');
    writeFileSync(updateFile, original);
    writeFileSync(record, recordText);

    const signatures = path.join(folder, 'signatures');
    renameSync(path.join(signatures, 'PublicWorksMSP.json'), path.join(signatures, 'RegistryMSP.json'));
    expect(refusal(() => store.submit(id, config('4')))).toBe('TAMPERED');
    renameSync(path.join(signatures, 'RegistryMSP.json'), path.join(signatures, 'PublicWorksMSP.json'));

    expect(refusal(() => store.submit(id, config('5')))).toBe('STALE_CONFIG');
    expect(refusal(() => store.sign(id, 'RegistryMSP', registryAdmin, config('5')))).toBe('STALE_CONFIG');
    expect(store.submit(id, config('4')).signers).toEqual(['HealthMSP', 'PublicWorksMSP']);
  });
});
