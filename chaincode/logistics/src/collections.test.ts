import { FakeLedger, FOUNDING_CONSORTIUM, Msp } from '@city-ledger/chaincode-common/testing';
import { Role } from '@city-ledger/chaincode-common';
import { Collections } from './collections';
import { MaterialsContract } from './materials';

// The generated collections_config.json is tested where it is generated (network/src/collections.test.ts).
describe('collections of the logistics chaincode', () => {
  it('are in the consortium descriptor: supplier terms for PublicWorks (procurement) only', () => {
    expect(FOUNDING_CONSORTIUM.collections[Collections.SupplierTerms]?.members).toEqual([Msp.PublicWorks]);
  });
});

describe('private reads are PublicWorks-only', () => {
  // Every evaluate transaction that returns private data, with valid arguments.
  const PRIVATE_READS = [{ contract: new MaterialsContract(), fn: 'getSupplierTerms', args: ['D-1'] }];

  const outsiders = [
    { msp: Msp.Registry, role: Role.Clerk },
    { msp: Msp.Registry, role: Role.Officer },
    { msp: Msp.Health, role: Role.Officer },
    { msp: Msp.Auditor, role: Role.Auditor },
    { msp: Msp.PublicWorks, role: Role.Inspector },
    { msp: Msp.PublicWorks },
  ];

  it.each(PRIVATE_READS.flatMap((r) => outsiders.map((who) => [r.fn, who.msp, who.role ?? '(none)', r, who] as const)))(
    '%s refuses %s/%s with FORBIDDEN',
    async (_fn, _msp, _role, read, who) => {
      const ledger = new FakeLedger();
      await expect(ledger.evaluate(read.contract, read.fn, who, read.args)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    },
  );
});
