import { auditor, FakeLedger, FOUNDING_CONSORTIUM, Msp, publicWorksClerk as clerk, publicWorksOfficer as officer } from '@city-ledger/chaincode-common/testing';
import { canonicalJson, privateDataHash, Role, sha256Hex } from '@city-ledger/chaincode-common';
import { Collections } from './collections';
import type { MaterialsDelivery, MaterialsDeliveryPage, SupplierTerms } from './delivery';
import { MaterialsContract } from './materials';
import { PERMIT_STATUSES_ALLOWING_MATERIALS, requirePermitAllowingMaterials } from './permits';

const materials = new MaterialsContract();
const SITE = 'urn:epc:id:sgln:0614141.00999.0';

const TERMS: SupplierTerms = {
  salt: 'a-long-random-salt-0123456789',
  contractRef: 'PW-2025-017',
  paymentTerms: 'net 30',
  validUntil: '2026-12-31T00:00:00Z',
  prices: [{ materialCode: 'CEMENT-42', unitPrice: 118.5, currency: 'EUR' }],
};

function delivery(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: 'D-1',
    permitId: 'PRM-1',
    supplierId: 'SUP-9',
    site: SITE,
    items: [{ materialCode: 'CEMENT-42', description: 'Portland cement', quantity: 12, uom: 'TNE' }],
    ...overrides,
  });
}

/** A ledger whose fake `records` chaincode knows permits by ID -> status. */
function ledgerWithPermits(permits: Record<string, string> = { 'PRM-1': 'APPROVED' }): { ledger: FakeLedger; calls: string[][] } {
  const ledger = new FakeLedger();
  const calls: string[][] = [];
  for (const [name, members] of Object.entries(FOUNDING_CONSORTIUM.collections).map(([n, c]) => [n, c.members] as const)) {
    ledger.defineCollection(name, { members });
  }
  ledger.registerChaincode('records', (args) => {
    calls.push(args);
    const [fn, id] = args;
    if (fn !== 'permits:getPermit') {
      throw new Error(`INVALID_ARGUMENT: unknown transaction function ${fn}`);
    }
    const status = permits[id as string];
    if (status === undefined) {
      throw new Error(`NOT_FOUND: permit ${id} does not exist`);
    }
    return { id, status, applicant: 'C-1', type: 'building' };
  });
  return { ledger, calls };
}

describe('materials: registerDelivery', () => {
  it('registers a delivery for an approved permit and keeps supplier terms private (hash only)', async () => {
    const { ledger, calls } = ledgerWithPermits();
    const { result, event, payload } = await ledger.invoke<MaterialsDelivery>(
      materials,
      'registerDelivery',
      officer,
      [delivery()],
      { supplierTerms: TERMS },
    );
    expect(calls).toEqual([['permits:getPermit', 'PRM-1']]);
    const hash = sha256Hex(canonicalJson(TERMS));
    expect(result).toMatchObject({
      id: 'D-1',
      permitId: 'PRM-1',
      permitStatus: 'APPROVED',
      supplierId: 'SUP-9',
      site: SITE,
      registeredBy: Msp.PublicWorks,
      supplierTermsHash: hash,
    });
    // Nothing private in the response or the event.
    for (const text of [payload, JSON.stringify(event)]) {
      expect(text).not.toContain('118.5');
      expect(text).not.toContain(TERMS.salt);
      expect(text).not.toContain('PW-2025-017');
    }
    expect(event).toMatchObject({
      name: 'MaterialsDelivered',
      payload: { deliveryId: 'D-1', permitId: 'PRM-1', itemCount: 1, supplierTermsHash: hash },
    });
    // The public hash equals the hash every peer keeps of the private value.
    const onChainHash = await ledger.transact(auditor, (ctx) => privateDataHash(ctx, Collections.SupplierTerms, ctx.stub.createCompositeKey('supplierTerms', ['D-1'])), { commit: false });
    expect(onChainHash).toBe(hash);
    const terms = await ledger.evaluate<SupplierTerms>(materials, 'getSupplierTerms', clerk, ['D-1']);
    expect(terms.result).toEqual(TERMS);
    const read = await ledger.evaluate<MaterialsDelivery>(materials, 'getDelivery', auditor, ['D-1']);
    expect(read.result).toEqual(result);
  });

  it('registers a delivery without supplier terms (INSPECTION_PASSED permit, no site)', async () => {
    const { ledger } = ledgerWithPermits({ 'PRM-2': 'INSPECTION_PASSED' });
    const { result, event } = await ledger.invoke<MaterialsDelivery>(materials, 'registerDelivery', clerk, [
      delivery({ id: 'D-2', permitId: 'PRM-2', site: undefined }),
    ]);
    expect(result.supplierTermsHash).toBeUndefined();
    expect(result.permitStatus).toBe('INSPECTION_PASSED');
    expect(event?.payload).not.toHaveProperty('supplierTermsHash');
    await expect(ledger.evaluate(materials, 'getSupplierTerms', officer, ['D-2'])).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'NOT_FOUND: supplier terms of delivery D-2 does not exist',
    });
  });

  it('lists deliveries by permit, page by page', async () => {
    const { ledger } = ledgerWithPermits({ 'PRM-1': 'APPROVED', 'PRM-2': 'APPROVED' });
    for (const [id, permitId] of [['D-1', 'PRM-1'], ['D-2', 'PRM-2'], ['D-3', 'PRM-1']]) {
      await ledger.invoke(materials, 'registerDelivery', officer, [delivery({ id, permitId })]);
    }
    const first = await ledger.evaluate<MaterialsDeliveryPage>(materials, 'listDeliveriesByPermit', auditor, ['PRM-1', '1', '']);
    expect(first.result.items.map((d) => d.id)).toEqual(['D-1']);
    const second = await ledger.evaluate<MaterialsDeliveryPage>(materials, 'listDeliveriesByPermit', auditor, [
      'PRM-1',
      '10',
      first.result.bookmark,
    ]);
    expect(second.result).toEqual({ items: [expect.objectContaining({ id: 'D-3' })], bookmark: '' });
    await expect(ledger.evaluate(materials, 'listDeliveriesByPermit', auditor, ['PRM 1', '10', ''])).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it.each(['APPLIED', 'UNDER_REVIEW', 'REJECTED', 'CLOSED', 'INSPECTED'])('refuses a %s permit with FAILED_PRECONDITION', async (status) => {
    const { ledger } = ledgerWithPermits({ 'PRM-1': status });
    await expect(ledger.invoke(materials, 'registerDelivery', officer, [delivery()], { supplierTerms: TERMS })).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: `FAILED_PRECONDITION: permit PRM-1 is ${status}; materials need one of ${PERMIT_STATUSES_ALLOWING_MATERIALS.join(', ')}`,
    });
    expect(ledger.snapshot()).toBe(new FakeLedger().snapshot());
  });

  it('answers NOT_FOUND naming the permit when records does not know it', async () => {
    const { ledger } = ledgerWithPermits({});
    await expect(ledger.invoke(materials, 'registerDelivery', officer, [delivery()])).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'NOT_FOUND: permit PRM-1 does not exist',
    });
    expect(ledger.snapshot()).toBe(new FakeLedger().snapshot());
  });

  it.each([
    ['records fails otherwise', () => { throw new Error('FORBIDDEN: nope'); }, /could not be read from the records chaincode \(status 500\)/],
    ['records answers no JSON', () => 'not json', /unreadable permit/],
    ['records answers null', () => null, /unreadable permit/],
    ['records answers another permit', () => ({ id: 'PRM-2', status: 'APPROVED' }), /unreadable permit/],
    ['records answers without status', () => ({ id: 'PRM-1' }), /unreadable permit/],
  ])('FAILED_PRECONDITION when %s', async (_, handler, message) => {
    const ledger = new FakeLedger();
    ledger.registerChaincode('records', handler);
    await expect(ledger.invoke(materials, 'registerDelivery', officer, [delivery()])).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: expect.stringMatching(message),
    });
    expect(ledger.snapshot()).toBe(new FakeLedger().snapshot());
  });

  it('FAILED_PRECONDITION when the chaincode call itself throws', async () => {
    // No records chaincode registered: the stub throws, as fabric-shim does for an ERROR answer.
    await expect(new FakeLedger().invoke(materials, 'registerDelivery', officer, [delivery()])).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
    });
    const ledger = new FakeLedger();
    const ctx = ledger.context(officer);
    ctx.stub.invokeChaincode = () => Promise.reject('peer said no');
    await expect(requirePermitAllowingMaterials(ctx, 'PRM-1')).rejects.toMatchObject({ code: 'FAILED_PRECONDITION' });
    ctx.stub.invokeChaincode = () => Promise.resolve({ status: 200 });
    await expect(requirePermitAllowingMaterials(ctx, 'PRM-1')).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: expect.stringContaining('unreadable permit'),
    });
    ctx.stub.invokeChaincode = () => Promise.resolve({ status: 404 });
    await expect(requirePermitAllowingMaterials(ctx, 'PRM-1')).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: expect.stringContaining('status 404'),
    });
  });

  it('refuses a duplicate delivery with CONFLICT before asking records', async () => {
    const { ledger, calls } = ledgerWithPermits();
    await ledger.invoke(materials, 'registerDelivery', officer, [delivery()]);
    const before = ledger.snapshot();
    await expect(ledger.invoke(materials, 'registerDelivery', officer, [delivery()])).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(ledger.snapshot()).toBe(before);
    expect(calls).toHaveLength(1);
  });

  it.each([
    ['not JSON', ['{'], undefined],
    ['no items', [delivery({ items: [] })], undefined],
    ['bad permit ID', [delivery({ permitId: 'PRM 1' })], undefined],
    ['bad item quantity', [delivery({ items: [{ materialCode: 'C', quantity: 0, uom: 'TNE' }] })], undefined],
    ['bad item uom', [delivery({ items: [{ materialCode: 'C', quantity: 1, uom: 'tonnes' }] })], undefined],
    ['bad site', [delivery({ site: 'Elm St' })], undefined],
    ['prices in the public argument', [delivery({ prices: [] })], undefined],
    ['terms not JSON', [delivery()], { supplierTerms: '{' }],
    ['terms empty', [delivery()], { supplierTerms: '' }],
    ['terms with short salt', [delivery()], { supplierTerms: { ...TERMS, salt: 'short' } }],
    ['terms without prices', [delivery()], { supplierTerms: { ...TERMS, prices: [] } }],
    ['terms with bad currency', [delivery()], { supplierTerms: { ...TERMS, prices: [{ materialCode: 'C', unitPrice: 1, currency: 'euro' }] } }],
    ['terms with negative price', [delivery()], { supplierTerms: { ...TERMS, prices: [{ materialCode: 'C', unitPrice: -1, currency: 'EUR' }] } }],
    ['terms with bad validUntil', [delivery()], { supplierTerms: { ...TERMS, validUntil: 'soon' } }],
  ])('refuses %s with INVALID_ARGUMENT and changes nothing', async (_, args, transient) => {
    const { ledger, calls } = ledgerWithPermits();
    const before = ledger.snapshot();
    await expect(ledger.invoke(materials, 'registerDelivery', officer, args, transient)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(ledger.snapshot()).toBe(before);
    expect(calls).toHaveLength(0);
  });

  it.each([
    ['a Registry clerk', { msp: Msp.Registry, role: Role.Clerk }],
    ['a Health officer', { msp: Msp.Health, role: Role.Officer }],
    ['a PublicWorks inspector', { msp: Msp.PublicWorks, role: Role.Inspector }],
  ])('refuses %s with FORBIDDEN', async (_, who) => {
    const { ledger } = ledgerWithPermits();
    await expect(ledger.invoke(materials, 'registerDelivery', who, [delivery()], { supplierTerms: TERMS })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(ledger.snapshot()).toBe(new FakeLedger().snapshot());
  });
});

describe('materials: reads', () => {
  it('refuses supplier terms to every non-member, even when they exist (FORBIDDEN)', async () => {
    const { ledger } = ledgerWithPermits();
    await ledger.invoke(materials, 'registerDelivery', officer, [delivery()], { supplierTerms: TERMS });
    for (const who of [
      auditor,
      { msp: Msp.Registry, role: Role.Clerk },
      { msp: Msp.Health, role: Role.Officer },
      { msp: Msp.PublicWorks, role: Role.Inspector },
    ]) {
      await expect(ledger.evaluate(materials, 'getSupplierTerms', who, ['D-1'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    // The public record stays readable by everyone.
    await ledger.evaluate(materials, 'getDelivery', { msp: Msp.Health, role: Role.Officer }, ['D-1']);
  });

  it('answers NOT_FOUND / INVALID_ARGUMENT for unknown or malformed IDs', async () => {
    const ledger = new FakeLedger();
    await expect(ledger.evaluate(materials, 'getDelivery', auditor, ['D-9'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ledger.evaluate(materials, 'getSupplierTerms', officer, ['D-9'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ledger.evaluate(materials, 'getSupplierTerms', officer, ['D 9'])).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});
