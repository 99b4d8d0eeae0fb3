import { auditor, healthOfficer as verifier, Msp, publicWorksClerk, publicWorksOfficer, registryClerk } from '@city-ledger/chaincode-common/testing';
import { Role } from '@city-ledger/chaincode-common';
import type { CarbonCredit, CarbonTotals, EmissionReduction } from '@city-ledger/domain';
import { CarbonContract } from './carbon';
import { energyLedger } from './testing/fakeDevices';

const carbon = new CarbonContract();
const registryOfficer = { msp: Msp.Registry, role: Role.Officer };
const EVIDENCE = 'a'.repeat(64);
const reduction = (fields: Record<string, unknown> = {}) => JSON.stringify({ id: 'RED-1', department: Msp.PublicWorks, year: 2026, tonnes: 100, description: 'LED street lighting, district 4', evidenceHash: EVIDENCE, ...fields });
const issue = (id: string, tonnes: number, reductionId = 'RED-1') => JSON.stringify({ id, reductionId, tonnes });
const retirement = JSON.stringify({ reason: 'Offsets the 2026 fleet emissions' });

async function withReduction() {
  const setup = energyLedger();
  await setup.ledger.invoke(carbon, 'recordReduction', verifier, [reduction()]);
  return setup;
}

describe('carbon: reductions and credits', () => {
  it('records a verified reduction and issues credits to the department that achieved it', async () => {
    const { ledger } = energyLedger();
    const recorded = await ledger.invoke<EmissionReduction>(carbon, 'recordReduction', verifier, [reduction()]);
    expect(recorded.result).toMatchObject({ id: 'RED-1', issuedTonnes: 0, verifiedBy: Msp.Health, evidenceHash: EVIDENCE });
    expect(recorded.event).toMatchObject({ name: 'EmissionReductionRecorded', payload: { reductionId: 'RED-1', tonnes: 100 } });
    const issued = await ledger.invoke<CarbonCredit>(carbon, 'issueCredits', verifier, [issue('CC-1', 60)]);
    expect(issued.result).toMatchObject({ id: 'CC-1', holder: Msp.PublicWorks, year: 2026, tonnes: 60, status: 'ACTIVE', issuedBy: Msp.Health });
    expect(ledger.keyEndorsers(ledger.context(auditor).stub.createCompositeKey('carbonCredit', ['CC-1']))).toEqual([Msp.PublicWorks]);
    expect((await ledger.evaluate<EmissionReduction>(carbon, 'getReduction', auditor, ['RED-1'])).result.issuedTonnes).toBe(60);
  });

  it('never issues more than was verified (FAILED_PRECONDITION, nothing changes)', async () => {
    const { ledger } = await withReduction();
    await ledger.invoke(carbon, 'issueCredits', verifier, [issue('CC-1', 60)]);
    const before = ledger.snapshot();
    await expect(ledger.invoke(carbon, 'issueCredits', verifier, [issue('CC-2', 41)])).rejects.toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringMatching(/verified 100 t and has 60 t issued/) });
    expect(ledger.snapshot()).toBe(before);
    await ledger.invoke(carbon, 'issueCredits', verifier, [issue('CC-2', 40)]);
    await expect(ledger.invoke(carbon, 'issueCredits', verifier, [issue('CC-2', 1)])).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(ledger.invoke(carbon, 'issueCredits', verifier, [issue('CC-3', 1, 'RED-9')])).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('transfers, retires once and only once, and keeps public totals per department and year', async () => {
    const { ledger } = await withReduction();
    await ledger.invoke(carbon, 'issueCredits', verifier, [issue('CC-1', 60)]);
    await ledger.invoke(carbon, 'issueCredits', verifier, [issue('CC-2', 30)]);
    const moved = await ledger.invoke<CarbonCredit>(carbon, 'transferCredit', publicWorksOfficer, ['CC-1', Msp.Registry]);
    expect(moved.result.holder).toBe(Msp.Registry);
    expect(moved.event).toMatchObject({ name: 'CarbonCreditTransferred', payload: { from: Msp.PublicWorks, to: Msp.Registry, tonnes: 60 } });
    await expect(ledger.invoke(carbon, 'retireCredit', publicWorksOfficer, ['CC-1', retirement])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const retired = await ledger.invoke<CarbonCredit>(carbon, 'retireCredit', registryOfficer, ['CC-1', retirement]);
    expect(retired.result).toMatchObject({ status: 'RETIRED', retiredBy: Msp.Registry, retirementReason: 'Offsets the 2026 fleet emissions' });
    const before = ledger.snapshot();
    await expect(ledger.invoke(carbon, 'retireCredit', registryOfficer, ['CC-1', retirement])).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already retired/) });
    await expect(ledger.invoke(carbon, 'transferCredit', registryOfficer, ['CC-1', Msp.Health])).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
    expect(ledger.snapshot()).toBe(before);
    await ledger.invoke(carbon, 'retireCredit', publicWorksOfficer, ['CC-2', retirement]);
    const totals = (await ledger.evaluate<CarbonTotals[]>(carbon, 'getCarbonTotals', auditor, ['2026'])).result;
    expect(totals).toEqual([
      { department: Msp.PublicWorks, year: 2026, issuedTonnes: 90, transferredTonnes: 60, retiredTonnes: 30 },
      { department: Msp.Registry, year: 2026, issuedTonnes: 0, transferredTonnes: 0, retiredTonnes: 60 },
    ]);
    expect((await ledger.evaluate<CarbonTotals[]>(carbon, 'getCarbonTotals', auditor, ['2025'])).result).toEqual([]);
    expect((await ledger.evaluate<CarbonCredit>(carbon, 'getCredit', auditor, ['CC-1'])).result.status).toBe('RETIRED');
  });

  it.each([
    ['an unknown department', 'recordReduction', () => [reduction({ department: 'NopeMSP' })], 'INVALID_ARGUMENT'],
    ['the Auditor as department', 'recordReduction', () => [reduction({ department: Msp.Auditor })], 'INVALID_ARGUMENT'],
    ['a bad evidence hash', 'recordReduction', () => [reduction({ evidenceHash: 'abc' })], 'INVALID_ARGUMENT'],
    ['fractional tonnes', 'recordReduction', () => [reduction({ tonnes: 1.5 })], 'INVALID_ARGUMENT'],
    ['a transfer to a stranger', 'transferCredit', () => ['CC-1', 'StrangerMSP'], 'INVALID_ARGUMENT'],
    ['a transfer to the holder', 'transferCredit', () => ['CC-1', Msp.PublicWorks], 'INVALID_ARGUMENT'],
    ['a retirement without reason', 'retireCredit', () => ['CC-1', '{}'], 'INVALID_ARGUMENT'],
    ['an unknown credit', 'retireCredit', () => ['CC-9', retirement], 'NOT_FOUND'],
  ])('refuses %s', async (_, fn, args, code) => {
    const { ledger } = await withReduction();
    await ledger.invoke(carbon, 'issueCredits', verifier, [issue('CC-1', 10)]);
    const before = ledger.snapshot();
    const caller = fn === 'recordReduction' ? verifier : publicWorksOfficer;
    await expect(ledger.invoke(carbon, fn, caller, args())).rejects.toMatchObject({ code });
    expect(ledger.snapshot()).toBe(before);
  });

  it.each([
    ['a Public Works officer', publicWorksOfficer],
    ['a Registry clerk', registryClerk],
    ['the Auditor', auditor],
  ])('refuses reductions and issuance to %s (FORBIDDEN)', async (_, who) => {
    const { ledger } = await withReduction();
    await expect(ledger.invoke(carbon, 'recordReduction', who, [reduction({ id: 'RED-2' })])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(ledger.invoke(carbon, 'issueCredits', who, [issue('CC-1', 1)])).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses transfer and retirement to a clerk and to the Auditor even of the holder (FORBIDDEN)', async () => {
    const { ledger } = await withReduction();
    await ledger.invoke(carbon, 'issueCredits', verifier, [issue('CC-1', 10)]);
    await expect(ledger.invoke(carbon, 'transferCredit', publicWorksClerk, ['CC-1', Msp.Registry])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(ledger.invoke(carbon, 'retireCredit', auditor, ['CC-1', retirement])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(ledger.evaluate(carbon, 'getCarbonTotals', auditor, ['1999'])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
