import { Msp } from '@city-ledger/chaincode-common/testing';
// Fixtures first: they load the FakeLedger, which quiets fabric-contract-api logging.
import {
  citizens,
  credentialDoc,
  credentials,
  issue,
  issuerOf,
  newLedger,
  registerCitizen,
  who,
} from './testing/fixtures';
import { canonicalJson, sha256Hex } from '@city-ledger/chaincode-common';
import type { FakeCaller, FakeLedger } from '@city-ledger/chaincode-common/testing';
import { credentialKey, type Credential, type CredentialPage, type VerificationResult } from './credential';
import { CREDENTIAL_TYPES, ISSUANCE_RULES, STATUS_LIST_CAPACITY, type CredentialType } from '@city-ledger/domain';
import { drawOffset } from './statusList';

/** A ledger with citizens CIT-1 (active) and CIT-OLD (deactivated). */
async function setup(): Promise<FakeLedger> {
  const ledger = newLedger();
  await registerCitizen(ledger, 'CIT-1');
  await registerCitizen(ledger, 'CIT-OLD', who.healthOfficer);
  await ledger.invoke(citizens, 'deactivateCitizen', who.healthOfficer, ['CIT-OLD']);
  return ledger;
}

/** Issues CRED-1 (residency for CIT-1) and returns the ledger. */
async function withCredential(doc = credentialDoc()): Promise<FakeLedger> {
  const ledger = await setup();
  await issue(ledger, doc);
  return ledger;
}

const stored = (ledger: FakeLedger, id: string): Credential | undefined =>
  ledger.getJson<Credential>(credentialKey(ledger.context(who.auditor), id));

async function expectUnchanged(ledger: FakeLedger, run: () => Promise<unknown>, error: unknown): Promise<void> {
  const before = ledger.snapshot();
  const events = ledger.events.length;
  await expect(run()).rejects.toThrow(error as RegExp);
  expect(ledger.snapshot()).toBe(before);
  expect(ledger.events).toHaveLength(events);
}

describe('issueCredential', () => {
  it.each(CREDENTIAL_TYPES.map((t) => [t]))('issues a %s credential: hash and metadata only', async (type) => {
    const ledger = await setup();
    const doc = credentialDoc(type, `CRED-${type}`);
    const caller = issuerOf[type];
    const { result, event, txId } = await ledger.invoke<Credential>(credentials, 'issueCredential', caller, [`CRED-${type}`], {
      credential: doc,
    });
    const statusListIndex = drawOffset(txId, `CRED-${type}`, STATUS_LIST_CAPACITY);
    const expected: Credential = {
      id: `CRED-${type}`,
      type,
      hash: sha256Hex(canonicalJson(doc)),
      schema: { id: ISSUANCE_RULES[type].schemaId, version: '1.0' },
      subject: 'CIT-1',
      validFrom: '2025-01-01T00:00:00Z',
      validUntil: '2026-01-01T00:00:00Z',
      issuer: { msp: ledger.context(caller).clientIdentity.getMSPID(), id: ledger.context(caller).clientIdentity.getID() },
      status: 'ACTIVE',
      statusListIndex,
      issuedAt: result.issuedAt,
      updatedAt: result.issuedAt,
    };
    expect(result).toEqual(expected);
    expect(stored(ledger, `CRED-${type}`)).toEqual(expected);
    expect(event).toMatchObject({
      name: 'credential.issued',
      payload: {
        credentialId: `CRED-${type}`,
        type,
        issuer: expected.issuer.msp,
        subject: 'CIT-1',
        hash: expected.hash,
        statusListIndex,
        at: expected.issuedAt,
      },
    });
    // The claims never reach public state or events.
    expect(ledger.snapshot()).not.toContain('North');
    expect(JSON.stringify(ledger.events)).not.toContain('North');
  });

  it('claims a distinct status-list index per credential, in its issuer\'s lists', async () => {
    const ledger = await setup();
    const ids = ['R-1', 'H-1', 'R-2', 'R-3'];
    for (const id of ids) {
      await issue(ledger, credentialDoc(id.startsWith('H') ? 'healthCredential' : 'residency', id));
    }
    const indexes = ids.map((id) => stored(ledger, id)?.statusListIndex as number);
    expect(new Set(indexes).size).toBe(ids.length);
    ids.forEach((id, i) => {
      const issuer = id.startsWith('H') ? Msp.Health : Msp.Registry;
      const claim = ledger.context(who.auditor).stub.createCompositeKey('statusIndex', [issuer, String(indexes[i])]);
      expect([id, ledger.getJson(claim)]).toEqual([id, { credentialId: id }]);
    });
  });

  // Every type against every caller that is not its issuer: wrong org, or right org and wrong role.
  const wrongCallers = CREDENTIAL_TYPES.flatMap((type) =>
    Object.entries(who)
      .filter(([, c]) => c !== issuerOf[type])
      .map(([name, c]) => [type, name, c] as [CredentialType, string, FakeCaller]),
  );
  it.each(wrongCallers)('refuses to issue %s as %s', async (type, _name, caller) => {
    const ledger = await setup();
    await expectUnchanged(
      ledger,
      () => issue(ledger, credentialDoc(type), caller),
      /^FORBIDDEN: /,
    );
  });

  it.each([
    ['a bad credentialId', 'a b', { credential: credentialDoc() }, 'INVALID_ARGUMENT: credentialId'],
    ['no transient document', 'CRED-1', undefined, 'INVALID_ARGUMENT: transient field credential'],
    ['a document that is not JSON', 'CRED-1', { credential: '[1' }, 'INVALID_ARGUMENT: credential'],
    ['a document id other than credentialId', 'CRED-2', { credential: credentialDoc() }, 'INVALID_ARGUMENT: credential.id'],
    ['an unknown type', 'CRED-1', { credential: credentialDoc('residency', 'CRED-1', 'CIT-1', { type: 'pet' }) }, 'INVALID_ARGUMENT: credential.type'],
    ['another issuer', 'CRED-1', { credential: credentialDoc('residency', 'CRED-1', 'CIT-1', { issuer: Msp.Health }) }, 'INVALID_ARGUMENT: credential.issuer'],
    ['another schema', 'CRED-1', { credential: credentialDoc('residency', 'CRED-1', 'CIT-1', { schema: { id: 'urn:x', version: '1' } }) }, 'INVALID_ARGUMENT: credential.schema.id'],
    ['a bad validFrom', 'CRED-1', { credential: credentialDoc('residency', 'CRED-1', 'CIT-1', { validFrom: 'today' }) }, 'INVALID_ARGUMENT: credential.validFrom'],
    ['validUntil before validFrom', 'CRED-1', { credential: credentialDoc('residency', 'CRED-1', 'CIT-1', { validUntil: '2024-12-31T00:00:00Z' }) }, 'INVALID_ARGUMENT: credential.validUntil'],
    ['validUntil in the past', 'CRED-1', { credential: credentialDoc('residency', 'CRED-1', 'CIT-1', { validFrom: '2020-01-01T00:00:00Z', validUntil: '2024-01-01T00:00:00Z' }) }, 'INVALID_ARGUMENT: credential.validUntil'],
    ['claims that are not an object', 'CRED-1', { credential: credentialDoc('residency', 'CRED-1', 'CIT-1', { claims: 'x' }) }, 'INVALID_ARGUMENT: credential.claims'],
    ['an extra field', 'CRED-1', { credential: { ...credentialDoc(), status: 'ACTIVE' } }, 'INVALID_ARGUMENT: credential.status'],
    ['a bad subject ID', 'CRED-1', { credential: credentialDoc('residency', 'CRED-1', '/x') }, 'INVALID_ARGUMENT: credential.subject'],
  ])('rejects %s', async (_name, id, transient, message) => {
    const ledger = await setup();
    await expectUnchanged(
      ledger,
      () => ledger.invoke(credentials, 'issueCredential', who.registryRegistrar, [id], transient),
      message,
    );
  });

  it('refuses a duplicate ID (CONFLICT), an unknown subject (NOT_FOUND), an inactive one (FAILED_PRECONDITION)', async () => {
    const ledger = await withCredential();
    await expectUnchanged(ledger, () => issue(ledger, credentialDoc()), 'CONFLICT: credential CRED-1 already exists');
    await expectUnchanged(
      ledger,
      () => issue(ledger, credentialDoc('residency', 'CRED-2', 'CIT-9')),
      'NOT_FOUND: citizen CIT-9 does not exist',
    );
    await expectUnchanged(
      ledger,
      () => issue(ledger, credentialDoc('residency', 'CRED-2', 'CIT-OLD')),
      'FAILED_PRECONDITION: citizen CIT-OLD is INACTIVE',
    );
  });
});

describe('status changes', () => {
  it('suspend, reinstate and revoke move the status and emit one event each', async () => {
    const ledger = await withCredential();
    const steps = [
      ['suspendCredential', 'SUSPENDED', 'credential.suspended'],
      ['reinstateCredential', 'ACTIVE', 'credential.reinstated'],
      ['suspendCredential', 'SUSPENDED', 'credential.suspended'],
      ['revokeCredential', 'REVOKED', 'credential.revoked'],
    ] as const;
    const statusListIndex = stored(ledger, 'CRED-1')?.statusListIndex;
    for (const [fn, status, eventName] of steps) {
      const { result, event, timestamp } = await ledger.invoke<Credential>(credentials, fn, who.registryRegistrar, ['CRED-1']);
      expect(result).toMatchObject({ id: 'CRED-1', status, updatedAt: timestamp });
      expect(stored(ledger, 'CRED-1')).toEqual(result);
      expect(event).toMatchObject({
        name: eventName,
        payload: { credentialId: 'CRED-1', issuer: Msp.Registry, status, statusListIndex, at: timestamp },
      });
    }
  });

  it('revokes an ACTIVE credential directly', async () => {
    const ledger = await withCredential();
    const { result } = await ledger.invoke<Credential>(credentials, 'revokeCredential', who.registryRegistrar, ['CRED-1']);
    expect(result.status).toBe('REVOKED');
  });

  // [statuses reached first, then the illegal action]
  it.each([
    [[], 'reinstateCredential', 'ACTIVE'],
    [['suspendCredential'], 'suspendCredential', 'SUSPENDED'],
    [['revokeCredential'], 'revokeCredential', 'REVOKED'],
    [['revokeCredential'], 'suspendCredential', 'REVOKED'],
    [['revokeCredential'], 'reinstateCredential', 'REVOKED'],
    [['suspendCredential', 'revokeCredential'], 'reinstateCredential', 'REVOKED'],
  ])('after %p, %s is FAILED_PRECONDITION', async (before, fn, status) => {
    const ledger = await withCredential();
    for (const step of before) {
      await ledger.invoke(credentials, step, who.registryRegistrar, ['CRED-1']);
    }
    const verb = fn.replace('Credential', '');
    await expectUnchanged(
      ledger,
      () => ledger.invoke(credentials, fn, who.registryRegistrar, ['CRED-1']),
      `FAILED_PRECONDITION: credential CRED-1 is ${status}; cannot ${verb}`,
    );
  });

  const changers = ['suspendCredential', 'reinstateCredential', 'revokeCredential'];
  const others = Object.entries(who).filter(([, c]) => c !== who.registryRegistrar);
  it.each(changers.flatMap((fn) => others.map(([name, c]) => [fn, name, c] as [string, string, FakeCaller])))(
    '%s by %s (not the issuer org and role) is FORBIDDEN',
    async (fn, _name, caller) => {
      const ledger = await withCredential();
      // Reinstating needs a suspended credential to get past the state machine.
      await ledger.invoke(credentials, 'suspendCredential', who.registryRegistrar, ['CRED-1']);
      await expectUnchanged(ledger, () => ledger.invoke(credentials, fn, caller, ['CRED-1']), /^FORBIDDEN: /);
    },
  );

  it('answers NOT_FOUND and INVALID_ARGUMENT', async () => {
    const ledger = await withCredential();
    for (const fn of changers) {
      await expectUnchanged(
        ledger,
        () => ledger.invoke(credentials, fn, who.registryRegistrar, ['CRED-9']),
        'NOT_FOUND: credential CRED-9 does not exist',
      );
      await expectUnchanged(
        ledger,
        () => ledger.invoke(credentials, fn, who.registryRegistrar, ['a/b']),
        /^INVALID_ARGUMENT: credentialId/,
      );
    }
  });
});

describe('getCredential and listCredentialsBySubject', () => {
  it('reads one credential', async () => {
    const ledger = await withCredential();
    const { result } = await ledger.evaluate<Credential>(credentials, 'getCredential', who.auditor, ['CRED-1']);
    expect(result).toEqual(stored(ledger, 'CRED-1'));
    await expect(ledger.evaluate(credentials, 'getCredential', who.auditor, ['CRED-9'])).rejects.toThrow(/^NOT_FOUND/);
    await expect(ledger.evaluate(credentials, 'getCredential', who.auditor, [''])).rejects.toThrow(/^INVALID_ARGUMENT/);
  });

  it('pages through the credentials of a subject only', async () => {
    const ledger = await setup();
    await registerCitizen(ledger, 'CIT-2');
    for (const [type, id, subject] of [
      ['residency', 'C-3', 'CIT-1'],
      ['healthCredential', 'C-1', 'CIT-1'],
      ['contractorLicence', 'C-2', 'CIT-1'],
      ['residency', 'C-4', 'CIT-2'],
    ] as const) {
      await issue(ledger, credentialDoc(type, id, subject));
    }
    const first = await ledger.evaluate<CredentialPage>(credentials, 'listCredentialsBySubject', who.auditor, ['CIT-1', '2', '']);
    expect(first.result.items.map((c) => c.id)).toEqual(['C-1', 'C-2']);
    expect(first.result.bookmark).not.toBe('');
    const second = await ledger.evaluate<CredentialPage>(credentials, 'listCredentialsBySubject', who.auditor, [
      'CIT-1',
      '2',
      first.result.bookmark,
    ]);
    expect(second.result).toEqual({ items: [stored(ledger, 'C-3')], bookmark: '' });
    const none = await ledger.evaluate<CredentialPage>(credentials, 'listCredentialsBySubject', who.auditor, ['CIT-9', '10', '']);
    expect(none.result).toEqual({ items: [], bookmark: '' });
  });

  it.each([
    [['a b', '10', ''], 'subjectId'],
    [['CIT-1', '0', ''], 'pageSize'],
    [['CIT-1', '101', ''], 'pageSize'],
    [['CIT-1', 'x', ''], 'pageSize'],
    [['CIT-1', '10', 'bm9wZQ'], 'bookmark'],
  ])('rejects %p (%s)', async (args, field) => {
    const ledger = await setup();
    await expect(ledger.evaluate(credentials, 'listCredentialsBySubject', who.auditor, args)).rejects.toThrow(
      new RegExp(`^INVALID_ARGUMENT: ${field}`),
    );
  });
});

describe('verify', () => {
  const verify = async (ledger: FakeLedger, presented: unknown, caller: FakeCaller = who.auditor): Promise<VerificationResult> =>
    (await ledger.evaluate<VerificationResult>(credentials, 'verify', caller, [JSON.stringify(presented)])).result;

  it('VALID for the issued document, whatever its key order, for anyone', async () => {
    const ledger = await withCredential();
    const doc = credentialDoc();
    const reordered = Object.fromEntries(Object.entries(doc).reverse());
    for (const caller of [who.auditor, who.healthOfficer, who.registryNoRole]) {
      const checkedAt = ledger.nextTimestamp;
      expect(await verify(ledger, reordered, caller)).toEqual({ credentialId: 'CRED-1', status: 'VALID', checkedAt });
    }
  });

  it('UNKNOWN when no credential has the ID', async () => {
    const ledger = await withCredential();
    expect(await verify(ledger, credentialDoc('residency', 'CRED-9'))).toMatchObject({ credentialId: 'CRED-9', status: 'UNKNOWN' });
  });

  it.each([
    ['a changed claim', { claims: { district: 'South', since: 2019 } }],
    ['an extended validity', { validUntil: '2030-01-01T00:00:00Z' }],
    ['another subject', { subject: 'CIT-2' }],
    ['an extra field', { note: 'x' }],
    ['a reformatted timestamp', { validFrom: '2025-01-01T00:00:00.000Z' }],
  ])('TAMPERED for %s', async (_name, change) => {
    const ledger = await withCredential();
    expect(await verify(ledger, { ...credentialDoc(), ...change })).toMatchObject({ credentialId: 'CRED-1', status: 'TAMPERED' });
  });

  it('TAMPERED wins over the status', async () => {
    const ledger = await withCredential();
    await ledger.invoke(credentials, 'revokeCredential', who.registryRegistrar, ['CRED-1']);
    expect(await verify(ledger, { ...credentialDoc(), claims: {} })).toMatchObject({ status: 'TAMPERED' });
  });

  it('SUSPENDED, VALID again after reinstatement, then REVOKED', async () => {
    const ledger = await withCredential();
    await ledger.invoke(credentials, 'suspendCredential', who.registryRegistrar, ['CRED-1']);
    expect(await verify(ledger, credentialDoc())).toMatchObject({ status: 'SUSPENDED' });
    await ledger.invoke(credentials, 'reinstateCredential', who.registryRegistrar, ['CRED-1']);
    expect(await verify(ledger, credentialDoc())).toMatchObject({ status: 'VALID' });
    await ledger.invoke(credentials, 'revokeCredential', who.registryRegistrar, ['CRED-1']);
    expect(await verify(ledger, credentialDoc())).toMatchObject({ status: 'REVOKED' });
  });

  it('REVOKED wins over EXPIRED', async () => {
    const ledger = await withCredential();
    await ledger.invoke(credentials, 'revokeCredential', who.registryRegistrar, ['CRED-1']);
    ledger.setTime('2027-01-01T00:00:00Z');
    expect(await verify(ledger, credentialDoc())).toMatchObject({ status: 'REVOKED' });
  });

  it('EXPIRED after validUntil; still VALID at validUntil exactly', async () => {
    const ledger = await withCredential();
    ledger.setTime('2026-01-01T00:00:00Z');
    expect(await verify(ledger, credentialDoc())).toMatchObject({ status: 'VALID' });
    ledger.setTime('2026-01-01T00:00:00.001Z');
    expect(await verify(ledger, credentialDoc())).toEqual({
      credentialId: 'CRED-1',
      status: 'EXPIRED',
      checkedAt: '2026-01-01T00:00:00.001Z',
      reason: 'PAST_VALID_UNTIL',
    });
  });

  it('EXPIRED (NOT_YET_VALID) before validFrom', async () => {
    const doc = credentialDoc('residency', 'CRED-1', 'CIT-1', { validFrom: '2025-06-01T00:00:00Z' });
    const ledger = await withCredential(doc);
    expect(await verify(ledger, doc)).toMatchObject({ status: 'EXPIRED', reason: 'NOT_YET_VALID' });
    ledger.setTime('2025-06-01T00:00:00Z');
    expect(await verify(ledger, doc)).toMatchObject({ status: 'VALID' });
  });

  it.each([
    ['not JSON', '{', 'presentedCredential'],
    ['not an object', '[1]', 'presentedCredential'],
    ['without an id', '{"type":"residency"}', 'presentedCredential.id'],
    ['with a bad id', '{"id":"a b"}', 'presentedCredential.id'],
    ['with a non-finite number', '{"id":"CRED-1","claims":{"n":1e400}}', 'presentedCredential'],
  ])('INVALID_ARGUMENT for a presentation %s', async (_name, raw, field) => {
    const ledger = await withCredential();
    await expect(ledger.evaluate(credentials, 'verify', who.auditor, [raw])).rejects.toThrow(
      new RegExp(`^INVALID_ARGUMENT: ${field.replace('.', '\\.')} `),
    );
  });
});
