import { ConfigGroupJson, ConfigUpdateJson, evaluatePolicy, evaluateUpdate } from './modPolicy';
import { summarizeUpdate } from './updateSummary';

const admins = (msp: string) => ({
  Admins: {
    mod_policy: 'Admins',
    version: '0',
    policy: {
      type: 1,
      value: { identities: [{ principal_classification: 'ROLE', principal: { msp_identifier: msp, role: 'ADMIN' } }], rule: { n_out_of: { n: 1, rules: [{ signed_by: 0 }] } } },
    },
  },
});
const implicit = (rule: string) => ({ mod_policy: 'Admins', version: '0', policy: { type: 3, value: { rule, sub_policy: 'Admins' } } });
const org = (msp: string): ConfigGroupJson => ({
  version: '0',
  mod_policy: 'Admins',
  groups: {},
  policies: admins(msp),
  values: { AnchorPeers: { mod_policy: 'Admins', version: '0' } },
});

/** A channel of four application orgs and two orderer orgs, as configtxlator prints one. */
const CONFIG: ConfigGroupJson = {
  version: '0',
  mod_policy: 'Admins',
  policies: { Admins: implicit('MAJORITY') },
  groups: {
    Application: {
      version: '1',
      mod_policy: 'Admins',
      policies: { Admins: implicit('MAJORITY'), Readers: implicit('ANY') },
      values: { ACLs: { mod_policy: 'Admins', version: '0' } },
      groups: { AuditorMSP: org('AuditorMSP'), HealthMSP: org('HealthMSP'), PublicWorksMSP: org('PublicWorksMSP'), RegistryMSP: org('RegistryMSP') },
    },
    Orderer: {
      version: '0',
      mod_policy: '/Channel/Orderer/Admins',
      policies: { Admins: implicit('ALL') },
      groups: { HealthMSP: org('HealthMSP'), RegistryMSP: org('RegistryMSP') },
    },
  },
};

const update = (write: ConfigGroupJson, read: ConfigGroupJson): ConfigUpdateJson => ({ channel_id: 'city', write_set: write, read_set: read });
const signers = (...msps: string[]) => new Set(msps);

/** An ACL change: the Application group's ACLs value moves from version 0 to 1. */
const aclChange = update(
  { groups: { Application: { version: '1', values: { ACLs: { version: '1', mod_policy: 'Admins' } } } } },
  { groups: { Application: { version: '1' } } },
);
/** Health's anchor peers: a value of Health's own group. */
const anchorChange = update(
  { groups: { Application: { version: '1', groups: { HealthMSP: { version: '0', values: { AnchorPeers: { version: '1' } } } } } } },
  { groups: { Application: { version: '1', groups: { HealthMSP: { version: '0' } } } } },
);
/** A new org and Auditor's removal: the Application group itself changes. */
const membersChange = update(
  {
    groups: {
      Application: { version: '2', groups: { HealthMSP: {}, PublicWorksMSP: {}, RegistryMSP: {}, TransitMSP: { version: '0', values: { MSP: { version: '0' } } } } },
    },
  },
  { groups: { Application: { version: '1', groups: { HealthMSP: {}, PublicWorksMSP: {}, RegistryMSP: {} } } } },
);

describe('modification policies', () => {
  test('a value needs its mod_policy relative to its group: MAJORITY of the orgs, naming the ones missing', () => {
    const result = evaluateUpdate(CONFIG, aclChange, signers('HealthMSP'));
    expect(result.changes).toEqual([{ element: '/Channel/Application/values/ACLs', kind: 'value', policy: '/Channel/Application/Admins' }]);
    expect(result.satisfied).toBe(false);
    expect(result.missing).toEqual(['/Channel/Application/Admins: MAJORITY of 4 Admins: 2 more of AuditorMSP, PublicWorksMSP, RegistryMSP']);
    expect(evaluateUpdate(CONFIG, aclChange, signers('HealthMSP', 'AuditorMSP', 'RegistryMSP')).satisfied).toBe(true);
    // A signer outside the channel counts for nothing.
    expect(evaluateUpdate(CONFIG, aclChange, signers('HealthMSP', 'RegistryMSP', 'TransitMSP')).satisfied).toBe(false);
  });

  test("an org's own value needs its own admin only", () => {
    expect(evaluateUpdate(CONFIG, anchorChange, signers('RegistryMSP', 'PublicWorksMSP', 'AuditorMSP')).missing).toEqual([
      '/Channel/Application/HealthMSP/Admins: an admin of HealthMSP',
    ]);
    expect(evaluateUpdate(CONFIG, anchorChange, signers('HealthMSP')).satisfied).toBe(true);
  });

  test('a group that gains and loses orgs needs its own mod_policy; the added org needs nothing of itself', () => {
    const result = evaluateUpdate(CONFIG, membersChange, signers('HealthMSP', 'RegistryMSP'));
    expect(result.changes).toEqual([
      { element: '/Channel/Application', kind: 'group', policy: '/Channel/Application/Admins' },
      { element: '/Channel/Application/TransitMSP', kind: 'group' },
      { element: '/Channel/Application/TransitMSP/values/MSP', kind: 'value' },
    ]);
    expect(result.satisfied).toBe(false);
    expect(summarizeUpdate(CONFIG, membersChange)).toEqual([
      'changed group /Channel/Application (needs /Channel/Application/Admins): removes AuditorMSP',
      'added group /Channel/Application/TransitMSP',
      'added value /Channel/Application/TransitMSP/values/MSP: value: nothing -> nothing',
    ]);
  });

  test('absolute mod_policies, ALL and nested implicit policies', () => {
    const orderer = update({ groups: { Orderer: { version: '1' } } }, { groups: { Orderer: { version: '0' } } });
    expect(evaluateUpdate(CONFIG, orderer, signers('HealthMSP')).missing).toEqual(['/Channel/Orderer/Admins: ALL of 2 Admins: 1 more of RegistryMSP']);
    expect(evaluateUpdate(CONFIG, orderer, signers('HealthMSP', 'RegistryMSP')).satisfied).toBe(true);
    // /Channel/Admins: a MAJORITY of the Application and Orderer groups' own Admins.
    expect(evaluatePolicy(CONFIG, '/Channel/Admins', signers('HealthMSP', 'RegistryMSP'))).toEqual({ met: false, missing: expect.stringMatching(/^MAJORITY of 2 Admins: 1 more of Application \(MAJORITY of 4 Admins: 1 more of AuditorMSP, PublicWorksMSP\)$/) });
    expect(evaluatePolicy(CONFIG, '/Channel/Admins', signers('HealthMSP', 'RegistryMSP', 'AuditorMSP')).met).toBe(true);
    expect(evaluatePolicy(CONFIG, '/Channel/Application/Nobody', signers('HealthMSP')).missing).toBe('no policy /Channel/Application/Nobody in the channel config');
  });

  test('the summary names the value changed, its new content and the policy it needs', () => {
    const withValue = update(
      { groups: { Application: { version: '1', groups: { HealthMSP: { version: '0', values: { AnchorPeers: { version: '1', value: { anchor_peers: [{ host: '10.0.0.2', port: 8051 }] } } } } } } } },
      anchorChange.read_set,
    );
    expect(summarizeUpdate(CONFIG, withValue)).toEqual([
      'changed value /Channel/Application/HealthMSP/values/AnchorPeers (needs /Channel/Application/HealthMSP/Admins): value: nothing -> {"anchor_peers":[{"host":"10.0.0.2","port":8051}]}',
    ]);
  });
});
