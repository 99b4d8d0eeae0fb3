import { FakeLedger, loadCollectionsConfig } from '@city-ledger/chaincode-common/testing';
import { join } from 'node:path';
import { Msp, REGULATOR_MSPS, Role } from '@city-ledger/chaincode-common';
import { COLLECTION_MEMBERS, Collections } from './collections';
import { MaterialsContract } from './materials';

const config = loadCollectionsConfig(join(__dirname, '..'));

/** MSP IDs named in a signature policy such as OR('A.member', 'B.member'). */
function policyMsps(policy: string): string[] {
  return [...policy.matchAll(/'([A-Za-z0-9]+)\.member'/g)].map((m) => m[1] as string).sort();
}

describe('collections_config.json', () => {
  it('declares exactly the collections of collections.ts', () => {
    expect(config.map((c) => c.name).sort()).toEqual(Object.values(Collections).sort());
  });

  it.each(config.map((c) => [c.name, c] as const))('%s has the members of COLLECTION_MEMBERS', (name, c) => {
    expect(policyMsps(c.policy)).toEqual([...(COLLECTION_MEMBERS[name] ?? [])].sort());
    expect(c.policy).toMatch(/^OR\(/);
    expect(c.memberOnlyRead).toBe(true);
    expect(c.memberOnlyWrite).toBe(true);
    // PublicWorks has one peer: requiring dissemination to another member peer would fail every write.
    expect(c.requiredPeerCount).toBe(0);
    expect(c.maxPeerCount).toBeGreaterThanOrEqual(c.requiredPeerCount);
    expect(c.blockToLive).toBe(0);
  });

  it('makes the Auditor a member of no collection', () => {
    for (const c of config) {
      for (const regulator of REGULATOR_MSPS) {
        expect(policyMsps(c.policy)).not.toContain(regulator);
        expect(COLLECTION_MEMBERS[c.name]).not.toContain(regulator);
      }
    }
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
