import { Msp, auditor, FakeLedger, publicWorksOfficer as officer } from '@city-ledger/chaincode-common/testing';
import { Role } from '@city-ledger/chaincode-common';
import { WasteContract } from './waste';
import { checkMassBalance, type WasteManifest, type WasteManifestVersion } from './wasteManifest';

const waste = new WasteContract();
const POINT = 'urn:epc:id:sgln:0614141.00555.0';

function collection(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({ id: 'W-1', wasteType: 'organic', collectionPoint: POINT, collectedKg: 1000, vehicleId: 'TRUCK-7', ...overrides });
}

async function collected(): Promise<FakeLedger> {
  const ledger = new FakeLedger();
  await ledger.invoke(waste, 'recordCollection', officer, [collection()]);
  return ledger;
}

async function transferred(kg = 980): Promise<FakeLedger> {
  const ledger = await collected();
  await ledger.invoke(waste, 'recordTransfer', officer, ['W-1', JSON.stringify({ facilityId: 'PLANT-1', transferredKg: kg })]);
  return ledger;
}

function process(ledger: FakeLedger, processedKg: number, residueKg: number) {
  return ledger.invoke<WasteManifest>(waste, 'recordProcessing', officer, ['W-1', JSON.stringify({ processedKg, residueKg })]);
}

describe('waste manifests', () => {
  it('runs collection -> transfer -> processing with one event each', async () => {
    const ledger = new FakeLedger();
    const c = await ledger.invoke<WasteManifest>(waste, 'recordCollection', officer, [collection()]);
    expect(c.result).toMatchObject({ id: 'W-1', stage: 'COLLECTED', collectedKg: 1000, collectedAt: c.timestamp, vehicleId: 'TRUCK-7' });
    expect(c.event).toMatchObject({ name: 'WasteCollected', payload: { manifestId: 'W-1', stage: 'COLLECTED', collectedKg: 1000 } });
    const t = await ledger.invoke<WasteManifest>(waste, 'recordTransfer', officer, [
      'W-1',
      JSON.stringify({ facilityId: 'PLANT-1', transferredKg: 980 }),
    ]);
    expect(t.result).toMatchObject({ stage: 'TRANSFERRED', facilityId: 'PLANT-1', transferredKg: 980 });
    expect(t.event).toMatchObject({ name: 'WasteTransferred', payload: { facilityId: 'PLANT-1', transferredKg: 980 } });
    const p = await process(ledger, 900, 70);
    expect(p.result).toMatchObject({ stage: 'PROCESSED', processedKg: 900, residueKg: 70, balanceDeviation: -0.010204 });
    expect(p.event).toMatchObject({ name: 'WasteProcessed', payload: { processedKg: 900, residueKg: 70, stage: 'PROCESSED' } });
    const read = await ledger.evaluate<WasteManifest>(waste, 'getManifest', auditor, ['W-1']);
    expect(read.result).toEqual(p.result);
    const history = await ledger.evaluate<WasteManifestVersion[]>(waste, 'getManifestHistory', auditor, ['W-1']);
    expect(history.result.map((v) => v.manifest.stage)).toEqual(['PROCESSED', 'TRANSFERRED', 'COLLECTED']);
    expect(history.result[2]?.txId).toBe(c.txId);
  });

  it('accepts a balance exactly at the 2 % tolerance and refuses just beyond it (FAILED_PRECONDITION)', async () => {
    const ok = await transferred(1000);
    await expect(process(ok, 1000, 20)).resolves.toMatchObject({ result: { balanceDeviation: 0.02 } });
    const low = await transferred(1000);
    await expect(process(low, 900, 80)).resolves.toMatchObject({ result: { stage: 'PROCESSED' } });
    const ledger = await transferred(1000);
    const before = ledger.snapshot();
    await expect(process(ledger, 900, 79)).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      message:
        'FAILED_PRECONDITION: manifest W-1: mass balance failed: processed + residue = 979 kg but 1000 kg were received (tolerance 2%)',
    });
    await expect(process(ledger, 1000, 25)).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
    expect(ledger.snapshot()).toBe(before);
  });

  it('refuses a transfer heavier than the collection beyond the tolerance (FAILED_PRECONDITION)', async () => {
    const ledger = await collected();
    const before = ledger.snapshot();
    await expect(
      ledger.invoke(waste, 'recordTransfer', officer, ['W-1', JSON.stringify({ facilityId: 'PLANT-1', transferredKg: 1021 })]),
    ).rejects.toMatchObject({ code: 'FAILED_PRECONDITION', message: expect.stringContaining('exceeds collected weight 1000 kg') });
    expect(ledger.snapshot()).toBe(before);
    await ledger.invoke(waste, 'recordTransfer', officer, ['W-1', JSON.stringify({ facilityId: 'PLANT-1', transferredKg: 1020 })]);
  });

  it('refuses stages out of order with CONFLICT', async () => {
    const ledger = await collected();
    await expect(process(ledger, 1, 1)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'CONFLICT: manifest W-1 is COLLECTED; recordProcessing needs TRANSFERRED',
    });
    await ledger.invoke(waste, 'recordTransfer', officer, ['W-1', JSON.stringify({ facilityId: 'PLANT-1', transferredKg: 500 })]);
    await expect(
      ledger.invoke(waste, 'recordTransfer', officer, ['W-1', JSON.stringify({ facilityId: 'PLANT-2', transferredKg: 500 })]),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await process(ledger, 500, 0);
    const before = ledger.snapshot();
    await expect(process(ledger, 500, 0)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      ledger.invoke(waste, 'recordTransfer', officer, ['W-1', JSON.stringify({ facilityId: 'PLANT-2', transferredKg: 500 })]),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(ledger.invoke(waste, 'recordCollection', officer, [collection()])).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'CONFLICT: manifest W-1 already exists',
    });
    expect(ledger.snapshot()).toBe(before);
  });

  it.each([
    ['recordCollection', ['{']],
    ['recordCollection', [collection({ wasteType: 'glitter' })]],
    ['recordCollection', [collection({ collectedKg: 0 })]],
    ['recordCollection', [collection({ collectedKg: -5 })]],
    ['recordCollection', [collection({ collectedKg: 2_000_000 })]],
    ['recordCollection', [collection({ collectionPoint: 'Main St 1' })]],
    ['recordCollection', [collection({ vehicleId: 'truck 7' })]],
    ['recordCollection', [collection({ driver: 'Alice' })]],
    ['recordTransfer', ['W-1', '{"facilityId":"PLANT-1"}']],
    ['recordTransfer', ['W-1', '{"facilityId":"PLANT 1","transferredKg":10}']],
    ['recordTransfer', ['W 1', '{"facilityId":"PLANT-1","transferredKg":10}']],
    ['recordProcessing', ['W-1', '{"processedKg":-1,"residueKg":0}']],
    ['recordProcessing', ['W-1', '{"processedKg":"lots","residueKg":0}']],
  ])('%s(%j) -> INVALID_ARGUMENT, no state change', async (fn, args) => {
    const ledger = await transferred();
    const before = ledger.snapshot();
    await expect(ledger.invoke(waste, fn, officer, args)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(ledger.snapshot()).toBe(before);
  });

  it.each([
    ['a PublicWorks clerk', { msp: Msp.PublicWorks, role: Role.Clerk }],
    ['a Health officer', { msp: Msp.Health, role: Role.Officer }],
    ['a Registry officer', { msp: Msp.Registry, role: Role.Officer }],
  ])('refuses %s with FORBIDDEN on every stage', async (_, who) => {
    const ledger = await collected();
    const before = ledger.snapshot();
    await expect(ledger.invoke(waste, 'recordCollection', who, [collection({ id: 'W-2' })])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      ledger.invoke(waste, 'recordTransfer', who, ['W-1', JSON.stringify({ facilityId: 'PLANT-1', transferredKg: 1 })]),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      ledger.invoke(waste, 'recordProcessing', who, ['W-1', JSON.stringify({ processedKg: 1, residueKg: 0 })]),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(ledger.snapshot()).toBe(before);
  });

  it('answers NOT_FOUND for unknown manifests', async () => {
    const ledger = new FakeLedger();
    await expect(ledger.evaluate(waste, 'getManifest', auditor, ['W-9'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ledger.evaluate(waste, 'getManifestHistory', auditor, ['W-9'])).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'NOT_FOUND: manifest W-9 does not exist',
    });
    await expect(
      ledger.invoke(waste, 'recordTransfer', officer, ['W-9', JSON.stringify({ facilityId: 'PLANT-1', transferredKg: 1 })]),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ledger.evaluate(waste, 'getManifestHistory', auditor, ['W 9'])).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});

describe('checkMassBalance', () => {
  it('handles a zero transferred weight', () => {
    expect(checkMassBalance('W', 0, 0, 0)).toBe(0);
    expect(() => checkMassBalance('W', 0, 1, 0)).toThrow(/^FAILED_PRECONDITION: /);
  });
});
