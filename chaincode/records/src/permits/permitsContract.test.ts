// Fixtures first: they load chaincode-common/testing, which quiets fabric-contract-api.
import { auditor, clerk, healthOfficer, inspector, pwOfficer, registrar, expectRejected as expectRejectedOn, newLedger } from '../testing/fixtures';
import { Msp, FakeCaller, FakeLedger } from '@city-ledger/chaincode-common/testing';
import { fromBytes, Role } from '@city-ledger/chaincode-common';
import { Collection } from '../collections';
import { PropertyContract } from '../property/propertyContract';
import type { Permit, PermitApplicant } from './permit';
import { APPROVED_OR_LATER, PERMIT_ACTIONS, PERMIT_STATUSES, PERMIT_TRANSITIONS, type PermitAction, type PermitStatus } from './permitLifecycle';
import { PermitsContract } from './permitsContract';
import type { HistoryEntry, Page } from '@city-ledger/domain';

const contract = new PermitsContract();
const APPLICANT = { name: 'Bob Builder', phone: '+1 555 0100' };
const PASSED = '{"result":"PASSED","notes":"Footings OK"}';
const FAILED = '{"result":"FAILED"}';

function permitJson(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({ id: 'PM-1', kind: 'BUILDING', applicantId: 'C-1', description: 'Detached garage', ...overrides });
}

let ledger: FakeLedger;

beforeEach(() => (ledger = newLedger()));

const expectRejected = (call: () => Promise<unknown>, code: string) => expectRejectedOn(ledger, call, code);

async function apply(id = 'PM-1', caller = clerk): Promise<Permit> {
  return (await ledger.invoke<Permit>(contract, 'applyForPermit', caller, [permitJson({ id })], { applicant: APPLICANT })).result;
}

/** How to perform each action through the contract. */
const STEPS: Record<PermitAction, { fn: string; caller: FakeCaller; args: (id: string) => string[] }> = {
  review: { fn: 'reviewPermit', caller: registrar, args: (id) => [id] },
  approve: { fn: 'approvePermit', caller: registrar, args: (id) => [id] },
  reject: { fn: 'rejectPermit', caller: registrar, args: (id) => [id, 'Exceeds the zoning height limit'] },
  passInspection: { fn: 'inspectPermit', caller: inspector, args: (id) => [id, PASSED] },
  failInspection: { fn: 'inspectPermit', caller: inspector, args: (id) => [id, FAILED] },
  close: { fn: 'closePermit', caller: registrar, args: (id) => [id] },
};

/** The actions that lead from APPLIED to each status. */
const PATHS: Record<PermitStatus, PermitAction[]> = {
  APPLIED: [],
  UNDER_REVIEW: ['review'],
  APPROVED: ['review', 'approve'],
  REJECTED: ['review', 'reject'],
  INSPECTION_PASSED: ['review', 'approve', 'passInspection'],
  CLOSED: ['review', 'approve', 'passInspection', 'close'],
};

async function act(action: PermitAction, id = 'PM-1'): Promise<Permit> {
  const step = STEPS[action];
  return (await ledger.invoke<Permit>(contract, step.fn, step.caller, step.args(id))).result;
}

async function permitIn(status: PermitStatus, id = 'PM-1'): Promise<void> {
  await apply(id);
  for (const action of PATHS[status]) {
    await act(action, id);
  }
}

/** Status index entries of `id`, as [status] lists. */
function indexedStatuses(id: string): string[] {
  return ledger
    .keys('\u0000permit~status\u0000')
    .map((key) => key.split('\u0000').slice(2, 4))
    .filter(([, permitId]) => permitId === id)
    .map(([status]) => status as string);
}

describe('applyForPermit', () => {
  it.each([
    ['a Registry clerk', clerk],
    ['a Public Works officer', pwOfficer],
  ])('files an application from %s', async (_who, caller) => {
    const { result, event } = await ledger.invoke<Permit>(contract, 'applyForPermit', caller, [permitJson()], { applicant: APPLICANT });
    expect(result).toEqual({
      id: 'PM-1',
      kind: 'BUILDING',
      applicantId: 'C-1',
      description: 'Detached garage',
      status: 'APPLIED',
      appliedBy: caller.msp,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
    expect(indexedStatuses('PM-1')).toEqual(['APPLIED']);
    expect(ledger.getPrivateJson(Collection.PermitApplicants, '\u0000permit\u0000PM-1\u0000')).toEqual({ permitId: 'PM-1', ...APPLICANT });
    expect(event).toMatchObject({ name: 'permit.applied', payload: { permitId: 'PM-1', kind: 'BUILDING', status: 'APPLIED' } });
    expect(JSON.stringify([result, event])).not.toContain('Bob');
  });

  it('links an existing parcel and refuses an unknown one (NOT_FOUND)', async () => {
    await ledger.invoke(new PropertyContract(), 'registerParcel', clerk, [
      '{"id":"P-1","ownerId":"C-1","location":"Lot 1","areaM2":100,"landUse":"RESIDENTIAL"}',
    ], { owner: { name: 'X', address: 'Y' } });
    const { result } = await ledger.invoke<Permit>(contract, 'applyForPermit', clerk, [permitJson({ parcelId: 'P-1' })], { applicant: APPLICANT });
    expect(result.parcelId).toBe('P-1');
    await expectRejected(
      () => ledger.invoke(contract, 'applyForPermit', clerk, [permitJson({ id: 'PM-2', parcelId: 'P-9' })], { applicant: APPLICANT }),
      'NOT_FOUND',
    );
  });

  it('refuses an existing permit ID (CONFLICT)', async () => {
    await apply();
    await expectRejected(() => ledger.invoke(contract, 'applyForPermit', pwOfficer, [permitJson()], { applicant: APPLICANT }), 'CONFLICT');
  });

  it.each([
    ['a Registry registrar', registrar],
    ['a Public Works inspector', inspector],
    ['Health', healthOfficer],
    ['a Public Works user without role', { msp: Msp.PublicWorks }],
    ['the Auditor', auditor],
  ])('refuses %s (FORBIDDEN)', async (_who, caller) => {
    await expectRejected(() => ledger.invoke(contract, 'applyForPermit', caller, [permitJson()], { applicant: APPLICANT }), 'FORBIDDEN');
  });

  it.each([
    ['malformed JSON', '{"id":', { applicant: APPLICANT }],
    ['an unknown kind', permitJson({ kind: 'SPACESHIP' }), { applicant: APPLICANT }],
    ['a bad applicant ID', permitJson({ applicantId: '' }), { applicant: APPLICANT }],
    ['a bad parcel ID', permitJson({ parcelId: 'P 1' }), { applicant: APPLICANT }],
    ['no description', permitJson({ description: undefined }), { applicant: APPLICANT }],
    ['a too long description', permitJson({ description: 'x'.repeat(2001) }), { applicant: APPLICANT }],
    ['no applicant data', permitJson(), {}],
    ['applicant data without name', permitJson(), { applicant: { phone: '1' } }],
    ['applicant data with an unknown field', permitJson(), { applicant: { ...APPLICANT, ssn: '1' } }],
  ])('rejects %s (INVALID_ARGUMENT)', async (_what, arg, transient) => {
    await expectRejected(() => ledger.invoke(contract, 'applyForPermit', clerk, [arg], transient), 'INVALID_ARGUMENT');
  });
});

describe('the permit state machine', () => {
  it('runs apply -> review -> approve -> inspect (failed, then passed) -> close, keeping the status index consistent', async () => {
    await apply();
    const names: string[] = [];
    const expectStep = async (action: PermitAction, status: PermitStatus): Promise<Permit> => {
      const step = STEPS[action];
      const { result, event } = await ledger.invoke<Permit>(contract, step.fn, step.caller, step.args('PM-1'));
      expect(result.status).toBe(status);
      expect(indexedStatuses('PM-1')).toEqual([status]);
      names.push(event?.name ?? '');
      return result;
    };
    await expectStep('review', 'UNDER_REVIEW');
    const approved = await expectStep('approve', 'APPROVED');
    expect(approved.approvedAt).toBe('2025-01-01T00:00:02.000Z');
    const failed = await expectStep('failInspection', 'APPROVED');
    expect(failed.lastInspection).toEqual({ result: 'FAILED', inspectedAt: '2025-01-01T00:00:03.000Z', inspectedBy: Msp.PublicWorks });
    const passed = await expectStep('passInspection', 'INSPECTION_PASSED');
    expect(passed.lastInspection).toMatchObject({ result: 'PASSED', notes: 'Footings OK' });
    const closed = await expectStep('close', 'CLOSED');
    expect(closed).toMatchObject({ approvedAt: '2025-01-01T00:00:02.000Z', updatedAt: '2025-01-01T00:00:05.000Z' });
    expect(names).toEqual(['permit.reviewed', 'permit.approved', 'permit.inspected', 'permit.inspected', 'permit.closed']);
    expect(ledger.events.at(-1)?.payload).toMatchObject({ permitId: 'PM-1', from: 'INSPECTION_PASSED', to: 'CLOSED', action: 'close' });
  });

  it('rejects with a public reason', async () => {
    await permitIn('UNDER_REVIEW');
    const { result, event } = await ledger.invoke<Permit>(contract, 'rejectPermit', registrar, ['PM-1', 'Too tall']);
    expect(result).toMatchObject({ status: 'REJECTED', rejectionReason: 'Too tall' });
    expect(indexedStatuses('PM-1')).toEqual(['REJECTED']);
    expect(event).toMatchObject({ name: 'permit.rejected', payload: { from: 'UNDER_REVIEW', to: 'REJECTED' } });
  });

  const illegal = PERMIT_STATUSES.flatMap((status) =>
    PERMIT_ACTIONS.filter((action) => PERMIT_TRANSITIONS[action][status] === undefined).map((action) => [status, action] as const),
  );

  it.each(illegal)('from %s, %s is CONFLICT and changes nothing', async (status, action) => {
    await permitIn(status);
    const step = STEPS[action];
    await expectRejected(() => ledger.invoke(contract, step.fn, step.caller, step.args('PM-1')), 'CONFLICT');
    expect(indexedStatuses('PM-1')).toEqual([status]);
  });

  it.each(Object.values(STEPS).map((s) => [s.fn, s] as const))('%s answers NOT_FOUND for an unknown permit', async (_fn, step) => {
    await expectRejected(() => ledger.invoke(contract, step.fn, step.caller, step.args('PM-9')), 'NOT_FOUND');
  });

  it.each([
    ['reviewPermit', [clerk, pwOfficer, inspector, healthOfficer, auditor]],
    ['approvePermit', [clerk, pwOfficer, inspector, healthOfficer, auditor]],
    ['rejectPermit', [clerk, pwOfficer, inspector, healthOfficer, auditor]],
    ['closePermit', [clerk, pwOfficer, inspector, healthOfficer, auditor]],
    ['inspectPermit', [pwOfficer, registrar, clerk, { msp: Msp.Registry, role: Role.Inspector }, healthOfficer, auditor]],
  ] as const)('%s refuses the wrong orgs and roles (FORBIDDEN)', async (fn, callers) => {
    await permitIn('APPROVED');
    const step = Object.values(STEPS).find((s) => s.fn === fn);
    for (const caller of callers) {
      await expectRejected(() => ledger.invoke(contract, fn, caller, step?.args('PM-1') ?? []), 'FORBIDDEN');
    }
  });

  it.each([
    ['reviewPermit', registrar, ['PM 1']],
    ['approvePermit', registrar, ['']],
    ['rejectPermit', registrar, ['PM-1', '']],
    ['rejectPermit', registrar, ['PM-1', 'x'.repeat(501)]],
    ['closePermit', registrar, ['#']],
    ['inspectPermit', inspector, ['PM-1', '{"result":"MAYBE"}']],
    ['inspectPermit', inspector, ['PM-1', '{}']],
    ['inspectPermit', inspector, ['PM-1', 'PASSED']],
    ['inspectPermit', inspector, ['', PASSED]],
  ] as const)('%s rejects bad input %j (INVALID_ARGUMENT)', async (fn, caller, args) => {
    await permitIn('UNDER_REVIEW');
    await expectRejected(() => ledger.invoke(contract, fn, caller, [...args]), 'INVALID_ARGUMENT');
  });
});

describe('queries', () => {
  it('getPermit answers every org with at least id and status', async () => {
    await permitIn('APPROVED');
    for (const caller of [auditor, healthOfficer, pwOfficer, clerk]) {
      const { result } = await ledger.evaluate<Permit>(contract, 'getPermit', caller, ['PM-1']);
      expect(result).toMatchObject({ id: 'PM-1', status: 'APPROVED' });
    }
    await expect(ledger.evaluate(contract, 'getPermit', auditor, ['PM-9'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ledger.evaluate(contract, 'getPermit', auditor, [''])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('getPermit serves another chaincode calling permits:getPermit', async () => {
    await permitIn('INSPECTION_PASSED');
    ledger.registerChaincode('records', async (args, caller) => {
      expect(args[0]).toBe('permits:getPermit');
      return (await ledger.evaluate(contract, 'getPermit', caller, args.slice(1))).result;
    });
    const permit = await ledger.transact(pwOfficer, async (ctx) => {
      const response = await ctx.stub.invokeChaincode('records', ['permits:getPermit', 'PM-1'], 'city');
      return fromBytes<Permit>(response.payload ?? new Uint8Array());
    });
    expect(permit).toMatchObject({ id: 'PM-1', status: 'INSPECTION_PASSED' });
    expect(APPROVED_OR_LATER).toContain(permit.status);
  });

  it('getPermitHistory lists every version, newest first', async () => {
    await permitIn('CLOSED');
    const { result } = await ledger.evaluate<HistoryEntry<Permit>[]>(contract, 'getPermitHistory', auditor, ['PM-1']);
    expect(result.map((e) => e.value?.status)).toEqual(['CLOSED', 'INSPECTION_PASSED', 'APPROVED', 'UNDER_REVIEW', 'APPLIED']);
    await expect(ledger.evaluate(contract, 'getPermitHistory', auditor, ['PM-9'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ledger.evaluate(contract, 'getPermitHistory', auditor, ['?'])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('listPermitsByStatus pages through the status index', async () => {
    await permitIn('APPROVED', 'PM-1');
    await permitIn('APPLIED', 'PM-2');
    await permitIn('APPROVED', 'PM-3');
    const first = await ledger.evaluate<Page<Permit>>(contract, 'listPermitsByStatus', auditor, ['APPROVED', '1', '']);
    expect(first.result.items.map((p) => p.id)).toEqual(['PM-1']);
    const second = await ledger.evaluate<Page<Permit>>(contract, 'listPermitsByStatus', auditor, ['APPROVED', '1', first.result.bookmark]);
    expect(second.result.items.map((p) => p.id)).toEqual(['PM-3']);
    const applied = await ledger.evaluate<Page<Permit>>(contract, 'listPermitsByStatus', auditor, ['APPLIED', '10', '']);
    expect(applied.result).toEqual({ items: [expect.objectContaining({ id: 'PM-2' })], bookmark: '' });
    const closed = await ledger.evaluate<Page<Permit>>(contract, 'listPermitsByStatus', auditor, ['CLOSED', '10', '']);
    expect(closed.result).toEqual({ items: [], bookmark: '' });
  });

  it.each([
    [['approved', '10', '']],
    [['APPROVED', '0', '']],
    [['APPROVED', '10', '!!']],
  ])('listPermitsByStatus rejects %j (INVALID_ARGUMENT)', async (args) => {
    await expect(ledger.evaluate(contract, 'listPermitsByStatus', auditor, args)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('getPermitApplicant answers Registry and Public Works only', async () => {
    const full = { name: 'Wendy', address: '3 Site Rd', email: 'w@example.org', phone: '1' };
    await ledger.invoke(contract, 'applyForPermit', pwOfficer, [permitJson({ id: 'PM-2' })], { applicant: full });
    expect((await ledger.evaluate(contract, 'getPermitApplicant', inspector, ['PM-2'])).result).toEqual({ permitId: 'PM-2', ...full });
    await apply('PM-1', pwOfficer);
    for (const caller of [clerk, registrar, pwOfficer, inspector]) {
      const { result } = await ledger.evaluate<PermitApplicant>(contract, 'getPermitApplicant', caller, ['PM-1']);
      expect(result).toEqual({ permitId: 'PM-1', ...APPLICANT });
    }
    for (const caller of [healthOfficer, auditor]) {
      await expect(ledger.evaluate(contract, 'getPermitApplicant', caller, ['PM-1'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(ledger.evaluate(contract, 'getPermitApplicant', clerk, ['PM-9'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ledger.evaluate(contract, 'getPermitApplicant', clerk, [''])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('applyForPermits (a batch)', () => {
  const batch = (ids: readonly string[], overrides: Record<string, unknown> = {}) => `[${ids.map((id) => permitJson({ id, ...overrides })).join(',')}]`;
  const applicants = (n: number) => ({ applicants: Array.from({ length: n }, (_, i) => ({ ...APPLICANT, name: `Applicant ${i}` })) });

  it('files each application, its status index entry and private applicant as applyForPermit does, under one event', async () => {
    const { result, event } = await ledger.invoke<number>(contract, 'applyForPermits', pwOfficer, [batch(['PM-1', 'PM-2'])], applicants(2));
    expect(result).toBe(2);
    const single = newLedger();
    await single.invoke(contract, 'applyForPermit', pwOfficer, [permitJson({ id: 'PM-2' })], { applicant: { ...APPLICANT, name: 'Applicant 1' } });
    const key = '\u0000permit\u0000PM-2\u0000';
    expect(ledger.getJson(key)).toEqual(single.getJson(key));
    expect(ledger.getPrivateJson<PermitApplicant>(Collection.PermitApplicants, key)).toEqual(single.getPrivateJson(Collection.PermitApplicants, key));
    expect(ledger.keys('\u0000permit~status\u0000APPLIED')).toHaveLength(2);
    expect(event).toMatchObject({ name: 'permits.applied', payload: { permits: [{ permitId: 'PM-1' }, { permitId: 'PM-2' }], status: 'APPLIED' } });
    expect(JSON.stringify(event)).not.toContain('Applicant');
  });

  it('refuses the whole batch at an unknown parcel, naming the record (NOT_FOUND)', async () => {
    await expect(
      ledger.invoke(contract, 'applyForPermits', clerk, [`[${permitJson({ id: 'PM-1' })},${permitJson({ id: 'PM-2', parcelId: 'P-9' })}]`], applicants(2)),
    ).rejects.toThrow(/^NOT_FOUND: records\[1\]: parcel P-9 does not exist/);
    await expectRejected(() => ledger.invoke(contract, 'applyForPermits', clerk, [`[${permitJson({ id: 'PM-1', parcelId: 'P-9' })}]`], applicants(1)), 'NOT_FOUND');
  });

  it('refuses an existing or repeated permit (CONFLICT)', async () => {
    await apply('PM-2');
    await expectRejected(() => ledger.invoke(contract, 'applyForPermits', clerk, [batch(['PM-1', 'PM-2'])], applicants(2)), 'CONFLICT');
    await expectRejected(() => ledger.invoke(contract, 'applyForPermits', clerk, [batch(['PM-3', 'PM-3'])], applicants(2)), 'CONFLICT');
  });

  it.each([
    ['an empty batch', '[]', applicants(0)],
    ['an unknown kind', batch(['PM-1'], { kind: 'CASTLE' }), applicants(1)],
    ['fewer applicants than permits', batch(['PM-1', 'PM-2']), applicants(1)],
  ])('rejects %s (INVALID_ARGUMENT)', async (_what, arg, transient) => {
    await expectRejected(() => ledger.invoke(contract, 'applyForPermits', clerk, [arg], transient), 'INVALID_ARGUMENT');
  });

  it.each([
    ['a registrar', registrar],
    ['Health', healthOfficer],
    ['the Auditor', auditor],
  ])('refuses %s (FORBIDDEN)', async (_who, caller) => {
    await expectRejected(() => ledger.invoke(contract, 'applyForPermits', caller, [batch(['PM-1'])], applicants(1)), 'FORBIDDEN');
  });
});
