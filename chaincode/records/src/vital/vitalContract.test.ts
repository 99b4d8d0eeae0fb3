// Fixtures first: they load chaincode-common/testing, which quiets fabric-contract-api.
import { auditor, clerk, healthOfficer, pwOfficer, registrar, expectRejected as expectRejectedOn, newLedger } from '../testing/fixtures';
import { Msp, FakeLedger } from '@city-ledger/chaincode-common/testing';
import { Role } from '@city-ledger/chaincode-common';
import { Collection } from '../collections';
import { certificateHash, type DeathCause, type HistoryEntry, type VerifyResult, type VitalPrivateData } from '@city-ledger/domain';
import { VitalRecordsContract } from './vitalContract';
import type { VitalRecord } from './vitalRecord';

const contract = new VitalRecordsContract();
const SALT = '5a'.repeat(32);
const SALT2 = 'c3'.repeat(32);
const BIRTH = { childName: 'Grace Hopper', bornAt: '2025-01-01T08:00:00Z', placeOfBirth: 'City Hospital', parent1Name: 'Mary Hopper' };
const MARRIAGE = { spouse1Name: 'A Smith', spouse2Name: 'B Jones', marriedAt: '2025-06-01T14:00:00Z', placeOfMarriage: 'City Hall' };
const DEATH = { deceasedName: 'Alan Turing', diedAt: '2025-02-01T03:00:00Z', placeOfDeath: 'Home' };
const CAUSE = { cause: 'Cyanide poisoning', manner: 'UNDETERMINED', certifiedBy: 'Dr Who' };
const KEY = (id: string): string => `\u0000vital\u0000${id}\u0000`;

let ledger: FakeLedger;

beforeEach(() => (ledger = newLedger()));

const expectRejected = (call: () => Promise<unknown>, code: string) => expectRejectedOn(ledger, call, code);

async function birth(id = 'B-1'): Promise<VitalRecord> {
  return (await ledger.invoke<VitalRecord>(contract, 'registerBirth', registrar, [id], { vital: { salt: SALT, details: BIRTH } })).result;
}

async function death(id = 'D-1', caller = healthOfficer): Promise<VitalRecord> {
  const vital = { salt: SALT, details: DEATH, causeOfDeath: CAUSE };
  return (await ledger.invoke<VitalRecord>(contract, 'registerDeath', caller, [id], { vital })).result;
}

describe('registration', () => {
  it('registers a birth: public state holds only ID, type, status, department and salted hash', async () => {
    const { result, event } = await ledger.invoke<VitalRecord>(contract, 'registerBirth', registrar, ['B-1'], {
      vital: { salt: SALT, details: BIRTH },
    });
    const hash = certificateHash('B-1', 'BIRTH', SALT, BIRTH);
    expect(result).toEqual({ id: 'B-1', type: 'BIRTH', status: 'REGISTERED', issuingDepartment: Msp.Registry, hash });
    expect(ledger.getJson(KEY('B-1'))).toEqual(result);
    expect(ledger.getPrivateJson(Collection.VitalRecords, KEY('B-1'))).toEqual({
      id: 'B-1',
      type: 'BIRTH',
      salt: SALT,
      details: BIRTH,
      recordedAt: '2025-01-01T00:00:00.000Z',
    });
    expect(event).toEqual({
      txId: expect.any(String),
      name: 'vital.registered',
      payload: { id: 'B-1', type: 'BIRTH', issuingDepartment: Msp.Registry, hash, txTime: '2025-01-01T00:00:00.000Z' },
    });
    const publicState = ledger.keys().map((key) => ledger.getJson(key));
    expect(JSON.stringify(publicState)).not.toMatch(/Grace|Mary|Hospital|2025-01-01T08/);
  });

  it('registers a marriage', async () => {
    const { result } = await ledger.invoke<VitalRecord>(contract, 'registerMarriage', registrar, ['M-1'], {
      vital: { salt: SALT, details: { ...MARRIAGE, officiant: 'Rev. Green' } },
    });
    expect(result).toMatchObject({ id: 'M-1', type: 'MARRIAGE', status: 'REGISTERED' });
    expect(ledger.getPrivateJson<VitalPrivateData>(Collection.VitalRecords, KEY('M-1'))?.details).toMatchObject({ officiant: 'Rev. Green' });
  });

  it.each([
    ['a Registry registrar', registrar],
    ['a Health officer', healthOfficer],
  ])('registers a death by %s: details and cause in the Registry+Health collections', async (_who, caller) => {
    const record = await death('D-1', caller);
    expect(record).toEqual({
      id: 'D-1',
      type: 'DEATH',
      status: 'REGISTERED',
      issuingDepartment: caller.msp,
      hash: certificateHash('D-1', 'DEATH', SALT, DEATH),
    });
    expect(ledger.getPrivateJson<VitalPrivateData>(Collection.DeathRecords, KEY('D-1'))?.details).toEqual(DEATH);
    expect(ledger.getPrivateJson(Collection.DeathCauses, KEY('D-1'))).toEqual({ id: 'D-1', ...CAUSE, recordedAt: '2025-01-01T00:00:00.000Z' });
    expect(ledger.getPrivateJson(Collection.VitalRecords, KEY('D-1'))).toBeUndefined();
    expect(JSON.stringify(ledger.events)).not.toContain('Cyanide');
  });

  it('refuses an existing ID (CONFLICT)', async () => {
    await birth();
    await expectRejected(
      () => ledger.invoke(contract, 'registerMarriage', registrar, ['B-1'], { vital: { salt: SALT, details: MARRIAGE } }),
      'CONFLICT',
    );
  });

  it.each([
    ['registerBirth', clerk, { salt: SALT, details: BIRTH }],
    ['registerBirth', healthOfficer, { salt: SALT, details: BIRTH }],
    ['registerBirth', pwOfficer, { salt: SALT, details: BIRTH }],
    ['registerBirth', { msp: Msp.Registry }, { salt: SALT, details: BIRTH }],
    ['registerMarriage', healthOfficer, { salt: SALT, details: MARRIAGE }],
    ['registerMarriage', clerk, { salt: SALT, details: MARRIAGE }],
    ['registerDeath', clerk, { salt: SALT, details: DEATH, causeOfDeath: CAUSE }],
    ['registerDeath', { msp: Msp.Health, role: Role.Inspector }, { salt: SALT, details: DEATH, causeOfDeath: CAUSE }],
    ['registerDeath', pwOfficer, { salt: SALT, details: DEATH, causeOfDeath: CAUSE }],
    ['registerDeath', auditor, { salt: SALT, details: DEATH, causeOfDeath: CAUSE }],
  ])('%s refuses %o (FORBIDDEN)', async (fn, caller, vital) => {
    await expectRejected(() => ledger.invoke(contract, fn, caller, ['X-1'], { vital }), 'FORBIDDEN');
  });

  it.each([
    ['registerBirth', 'bad id', { salt: SALT, details: BIRTH }],
    ['registerBirth', 'B-1', undefined],
    ['registerBirth', 'B-1', { details: BIRTH }],
    ['registerBirth', 'B-1', { salt: 'short', details: BIRTH }],
    ['registerBirth', 'B-1', { salt: SALT.toUpperCase(), details: BIRTH }],
    ['registerBirth', 'B-1', { salt: SALT, details: { ...BIRTH, childName: '' } }],
    ['registerBirth', 'B-1', { salt: SALT, details: { ...BIRTH, bornAt: '2025-02-30T00:00:00Z' } }],
    ['registerBirth', 'B-1', { salt: SALT, details: { ...BIRTH, ssn: '123' } }],
    ['registerBirth', 'B-1', { salt: SALT, details: BIRTH, causeOfDeath: CAUSE }],
    ['registerBirth', 'B-1', { salt: SALT, details: 'Grace' }],
    ['registerMarriage', 'M-1', { salt: SALT, details: { spouse1Name: 'A' } }],
    ['registerDeath', 'D-1', { salt: SALT, details: DEATH }],
    ['registerDeath', 'D-1', { salt: SALT, details: DEATH, causeOfDeath: { ...CAUSE, manner: 'MYSTERY' } }],
    ['registerDeath', 'D-1', { salt: SALT, details: { ...DEATH, bornAt: 'yesterday' }, causeOfDeath: CAUSE }],
  ])('%s rejects bad input (%s, %o) with INVALID_ARGUMENT', async (fn, id, vital) => {
    const caller = fn === 'registerDeath' ? healthOfficer : registrar;
    await expectRejected(() => ledger.invoke(contract, fn, caller, [id], vital === undefined ? {} : { vital }), 'INVALID_ARGUMENT');
  });
});

describe('amendVitalRecord', () => {
  const amended = { ...BIRTH, childName: 'Grace B. Hopper' };

  it('replaces details and salt, marks the record AMENDED and keeps the reason privately', async () => {
    await birth();
    const { result, event } = await ledger.invoke<VitalRecord>(contract, 'amendVitalRecord', registrar, ['B-1', 'CLERICAL_ERROR'], {
      vital: { salt: SALT2, details: amended },
    });
    const hash = certificateHash('B-1', 'BIRTH', SALT2, amended);
    expect(result).toEqual({ id: 'B-1', type: 'BIRTH', status: 'AMENDED', issuingDepartment: Msp.Registry, hash });
    expect(ledger.getPrivateJson(Collection.VitalRecords, KEY('B-1'))).toEqual({
      id: 'B-1',
      type: 'BIRTH',
      salt: SALT2,
      details: amended,
      recordedAt: '2025-01-01T00:00:01.000Z',
      lastAmendment: { reason: 'CLERICAL_ERROR', at: '2025-01-01T00:00:01.000Z', by: Msp.Registry },
    });
    expect(event).toMatchObject({ name: 'vital.amended', payload: { id: 'B-1', type: 'BIRTH', reason: 'CLERICAL_ERROR', hash } });
    expect(JSON.stringify(event)).not.toContain('Grace');
  });

  it('lets Health amend a death record, cause included', async () => {
    await death('D-1', registrar);
    const cause = { ...CAUSE, manner: 'HOMICIDE' };
    const { result } = await ledger.invoke<VitalRecord>(contract, 'amendVitalRecord', healthOfficer, ['D-1', 'LATE_INFORMATION'], {
      vital: { salt: SALT2, details: DEATH, causeOfDeath: cause },
    });
    expect(result).toMatchObject({ status: 'AMENDED', issuingDepartment: Msp.Registry });
    expect(ledger.getPrivateJson<DeathCause>(Collection.DeathCauses, KEY('D-1'))?.manner).toBe('HOMICIDE');
  });

  it('refuses Health on a birth record, and other orgs and roles (FORBIDDEN)', async () => {
    await birth();
    for (const caller of [healthOfficer, clerk, pwOfficer, auditor]) {
      await expectRejected(
        () => ledger.invoke(contract, 'amendVitalRecord', caller, ['B-1', 'COURT_ORDER'], { vital: { salt: SALT2, details: amended } }),
        'FORBIDDEN',
      );
    }
  });

  it('refuses a VOID record (FAILED_PRECONDITION) and an unknown one (NOT_FOUND)', async () => {
    await birth();
    await ledger.invoke(contract, 'voidVitalRecord', registrar, ['B-1', 'DUPLICATE']);
    await expectRejected(
      () => ledger.invoke(contract, 'amendVitalRecord', registrar, ['B-1', 'COURT_ORDER'], { vital: { salt: SALT2, details: amended } }),
      'FAILED_PRECONDITION',
    );
    await expectRejected(
      () => ledger.invoke(contract, 'amendVitalRecord', registrar, ['B-9', 'COURT_ORDER'], { vital: { salt: SALT2, details: amended } }),
      'NOT_FOUND',
    );
  });

  it.each([
    [['B-1', 'BECAUSE'], { vital: { salt: SALT2, details: amended } }],
    [['B-1', ''], { vital: { salt: SALT2, details: amended } }],
    [['B 1', 'COURT_ORDER'], { vital: { salt: SALT2, details: amended } }],
    [['B-1', 'COURT_ORDER'], {}],
    [['B-1', 'COURT_ORDER'], { vital: { salt: SALT2, details: DEATH } }],
  ])('rejects %j (INVALID_ARGUMENT)', async (args, transient) => {
    await birth();
    await expectRejected(() => ledger.invoke(contract, 'amendVitalRecord', registrar, args, transient), 'INVALID_ARGUMENT');
  });
});

describe('voidVitalRecord', () => {
  it('voids a record once; the private data stays', async () => {
    await birth();
    const { result, event } = await ledger.invoke<VitalRecord>(contract, 'voidVitalRecord', registrar, ['B-1', 'REGISTERED_IN_ERROR']);
    expect(result).toMatchObject({ id: 'B-1', status: 'VOID', hash: certificateHash('B-1', 'BIRTH', SALT, BIRTH) });
    expect(event).toMatchObject({ name: 'vital.voided', payload: { id: 'B-1', type: 'BIRTH', reason: 'REGISTERED_IN_ERROR' } });
    expect(ledger.getPrivateJson(Collection.VitalRecords, KEY('B-1'))).toBeDefined();
    await expectRejected(() => ledger.invoke(contract, 'voidVitalRecord', registrar, ['B-1', 'DUPLICATE']), 'FAILED_PRECONDITION');
  });

  it('lets Health void a death record but not a birth record', async () => {
    await birth();
    await death();
    await ledger.invoke(contract, 'voidVitalRecord', healthOfficer, ['D-1', 'DUPLICATE']);
    await expectRejected(() => ledger.invoke(contract, 'voidVitalRecord', healthOfficer, ['B-1', 'DUPLICATE']), 'FORBIDDEN');
    await expectRejected(() => ledger.invoke(contract, 'voidVitalRecord', pwOfficer, ['B-1', 'DUPLICATE']), 'FORBIDDEN');
    await expectRejected(() => ledger.invoke(contract, 'voidVitalRecord', clerk, ['B-1', 'DUPLICATE']), 'FORBIDDEN');
  });

  it('rejects bad input and unknown records', async () => {
    await birth();
    await expectRejected(() => ledger.invoke(contract, 'voidVitalRecord', registrar, ['B-1', 'BORED']), 'INVALID_ARGUMENT');
    await expectRejected(() => ledger.invoke(contract, 'voidVitalRecord', registrar, ['', 'FRAUD']), 'INVALID_ARGUMENT');
    await expectRejected(() => ledger.invoke(contract, 'voidVitalRecord', registrar, ['B-9', 'FRAUD']), 'NOT_FOUND');
  });
});

describe('public reads', () => {
  it('getVitalRecord and getVitalRecordHistory answer everyone', async () => {
    const record = await birth();
    await ledger.invoke(contract, 'amendVitalRecord', registrar, ['B-1', 'NAME_CHANGE'], { vital: { salt: SALT2, details: BIRTH } });
    for (const caller of [auditor, pwOfficer, healthOfficer]) {
      expect((await ledger.evaluate(contract, 'getVitalRecord', caller, ['B-1'])).result).toMatchObject({ status: 'AMENDED' });
    }
    const { result } = await ledger.evaluate<HistoryEntry<VitalRecord>[]>(contract, 'getVitalRecordHistory', auditor, ['B-1']);
    expect(result.map((e) => e.value?.status)).toEqual(['AMENDED', 'REGISTERED']);
    expect(result[1]?.value).toEqual(record);
    await expect(ledger.evaluate(contract, 'getVitalRecord', auditor, ['B-9'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ledger.evaluate(contract, 'getVitalRecordHistory', auditor, ['B-9'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ledger.evaluate(contract, 'getVitalRecordHistory', auditor, ['?'])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('private reads', () => {
  it('getVitalRecordPrivate: births and marriages for Registry only, deaths for Registry and Health', async () => {
    await birth();
    await death();
    expect((await ledger.evaluate(contract, 'getVitalRecordPrivate', clerk, ['B-1'])).result).toMatchObject({ salt: SALT, details: BIRTH });
    for (const caller of [registrar, healthOfficer]) {
      expect((await ledger.evaluate(contract, 'getVitalRecordPrivate', caller, ['D-1'])).result).toMatchObject({ details: DEATH });
    }
    for (const [caller, id] of [[healthOfficer, 'B-1'], [pwOfficer, 'B-1'], [pwOfficer, 'D-1'], [auditor, 'D-1'], [auditor, 'B-9']] as const) {
      await expect(ledger.evaluate(contract, 'getVitalRecordPrivate', caller, [id])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(ledger.evaluate(contract, 'getVitalRecordPrivate', registrar, ['B-9'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ledger.evaluate(contract, 'getVitalRecordPrivate', registrar, [''])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('getDeathCause: Registry and Health only, death records only', async () => {
    await birth();
    await death();
    for (const caller of [registrar, healthOfficer]) {
      expect((await ledger.evaluate(contract, 'getDeathCause', caller, ['D-1'])).result).toMatchObject(CAUSE);
    }
    for (const caller of [pwOfficer, auditor]) {
      await expect(ledger.evaluate(contract, 'getDeathCause', caller, ['D-1'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(ledger.evaluate(contract, 'getDeathCause', registrar, ['B-1'])).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
    await expect(ledger.evaluate(contract, 'getDeathCause', registrar, ['D-9'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ledger.evaluate(contract, 'getDeathCause', registrar, ['D 9'])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('verify', () => {
  const present = (salt: string, details: unknown): string => JSON.stringify({ salt, details });

  it.each([auditor, pwOfficer, healthOfficer, registrar])('answers MATCH for the certificate on record, for %o', async (caller) => {
    await birth();
    const { result } = await ledger.evaluate<VerifyResult>(contract, 'verify', caller, ['B-1', present(SALT, BIRTH)]);
    expect(result).toEqual({ id: 'B-1', type: 'BIRTH', status: 'REGISTERED', result: 'MATCH' });
  });

  it('ignores the order of the detail fields', async () => {
    await birth();
    const reordered = Object.fromEntries(Object.entries(BIRTH).reverse());
    const { result } = await ledger.evaluate<VerifyResult>(contract, 'verify', auditor, ['B-1', present(SALT, reordered)]);
    expect(result.result).toBe('MATCH');
  });

  it.each([
    ['a changed detail', SALT, { ...BIRTH, childName: 'Grace Hoper' }],
    ['an extra detail', SALT, { ...BIRTH, note: 'x' }],
    ['another salt', SALT2, BIRTH],
  ])('answers MISMATCH for %s', async (_what, salt, details) => {
    await birth();
    const { result } = await ledger.evaluate<VerifyResult>(contract, 'verify', auditor, ['B-1', present(salt, details)]);
    expect(result.result).toBe('MISMATCH');
  });

  it('answers MISMATCH for a superseded certificate and reports VOID', async () => {
    await death();
    await ledger.invoke(contract, 'amendVitalRecord', registrar, ['D-1', 'CLERICAL_ERROR'], {
      vital: { salt: SALT2, details: DEATH, causeOfDeath: CAUSE },
    });
    expect((await ledger.evaluate<VerifyResult>(contract, 'verify', auditor, ['D-1', present(SALT, DEATH)])).result.result).toBe('MISMATCH');
    await ledger.invoke(contract, 'voidVitalRecord', registrar, ['D-1', 'FRAUD']);
    const { result } = await ledger.evaluate<VerifyResult>(contract, 'verify', auditor, ['D-1', present(SALT2, DEATH)]);
    expect(result).toEqual({ id: 'D-1', type: 'DEATH', status: 'VOID', result: 'MATCH' });
  });

  it.each([
    ['B-1', 'not json'],
    ['B-1', '{"salt":"00"}'],
    ['B-1', JSON.stringify({ salt: SALT, details: 'x' })],
    ['B-1', JSON.stringify({ salt: SALT, details: {}, extra: 1 })],
    ['B 1', JSON.stringify({ salt: SALT, details: {} })],
  ])('rejects (%s, %s) with INVALID_ARGUMENT', async (id, doc) => {
    await birth();
    await expect(ledger.evaluate(contract, 'verify', auditor, [id, doc])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('answers NOT_FOUND for an unknown record', async () => {
    await expect(ledger.evaluate(contract, 'verify', auditor, ['B-9', present(SALT, BIRTH)])).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('registerVitalRecords (a batch of one type)', () => {
  const births = (n: number) => ({ vitals: Array.from({ length: n }, (_, i) => ({ salt: i % 2 ? SALT2 : SALT, details: { ...BIRTH, childName: `Child ${i}` } })) });

  it('writes each record and its private data as registerBirth does, under one event', async () => {
    const { result, event } = await ledger.invoke<number>(contract, 'registerVitalRecords', registrar, ['BIRTH', '["B-1","B-2"]'], births(2));
    expect(result).toBe(2);
    const single = newLedger();
    await single.invoke(contract, 'registerBirth', registrar, ['B-2'], { vital: { salt: SALT2, details: { ...BIRTH, childName: 'Child 1' } } });
    expect(ledger.getJson(KEY('B-2'))).toEqual(single.getJson(KEY('B-2')));
    expect(ledger.getPrivateJson(Collection.VitalRecords, KEY('B-2'))).toEqual(single.getPrivateJson(Collection.VitalRecords, KEY('B-2')));
    expect(event).toMatchObject({
      name: 'vitals.registered',
      payload: { type: 'BIRTH', issuingDepartment: Msp.Registry, records: [{ id: 'B-1' }, { id: 'B-2', hash: certificateHash('B-2', 'BIRTH', SALT2, { ...BIRTH, childName: 'Child 1' }) }] },
    });
    expect(JSON.stringify(event)).not.toMatch(/Child|Grace|Hospital/);
  });

  it('registers deaths with their causes for a Health officer', async () => {
    const vitals = [{ salt: SALT, details: DEATH, causeOfDeath: CAUSE }];
    await ledger.invoke(contract, 'registerVitalRecords', healthOfficer, ['DEATH', '["D-1"]'], { vitals });
    expect(ledger.getPrivateJson<DeathCause>(Collection.DeathCauses, KEY('D-1'))).toMatchObject({ cause: CAUSE.cause });
  });

  it('refuses the whole batch at an existing or repeated record, naming it (CONFLICT)', async () => {
    await birth('B-2');
    await expect(ledger.invoke(contract, 'registerVitalRecords', registrar, ['BIRTH', '["B-1","B-2"]'], births(2))).rejects.toThrow(
      /^CONFLICT: records\[1\]: vital record B-2 already exists/,
    );
    await expectRejected(() => ledger.invoke(contract, 'registerVitalRecords', registrar, ['BIRTH', '["B-3","B-3"]'], births(2)), 'CONFLICT');
    expect(ledger.getJson(KEY('B-1'))).toBeUndefined();
  });

  it.each([
    ['an unknown type', ['BURIAL', '["B-1"]'], births(1)],
    ['a bad ID', ['BIRTH', '["B 1"]'], births(1)],
    ['a death without its cause', ['DEATH', '["D-1"]'], { vitals: [{ salt: SALT, details: DEATH }] }],
    ['fewer inputs than IDs', ['BIRTH', '["B-1","B-2"]'], births(1)],
    ['no inputs', ['BIRTH', '["B-1"]'], {}],
  ])('rejects %s (INVALID_ARGUMENT)', async (_what, args, transient) => {
    await expectRejected(() => ledger.invoke(contract, 'registerVitalRecords', registrar, args, transient), 'INVALID_ARGUMENT');
  });

  it.each([
    ['a clerk (births need a registrar)', clerk, 'BIRTH'],
    ['a Health officer, for births', healthOfficer, 'BIRTH'],
    ['the Auditor', auditor, 'DEATH'],
  ])('refuses %s (FORBIDDEN)', async (_who, caller, type) => {
    await expectRejected(() => ledger.invoke(contract, 'registerVitalRecords', caller, [type, '["B-1"]'], births(1)), 'FORBIDDEN');
  });
});
