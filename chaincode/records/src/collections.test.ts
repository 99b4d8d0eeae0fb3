import { FOUNDING_CONSORTIUM, Msp } from '@city-ledger/chaincode-common/testing';
import { Collection, collectionMembersOf } from './collections';

// The generated collections_config.json is tested where it is generated (network/src/collections.test.ts).
describe('collections of the records chaincode', () => {
  it.each(Object.values(Collection))('%s is in the consortium descriptor, without the Auditor', (name) => {
    expect(FOUNDING_CONSORTIUM.collections[name]).toBeDefined();
    expect(collectionMembersOf(name)).not.toContain(Msp.Auditor);
  });

  it('has the founding members by remit', () => {
    expect(collectionMembersOf(Collection.PropertyOwners)).toEqual([Msp.Registry]);
    expect(collectionMembersOf(Collection.VitalRecords)).toEqual([Msp.Registry]);
    expect(collectionMembersOf(Collection.DeathRecords)).toEqual([Msp.Registry, Msp.Health]);
    expect(collectionMembersOf(Collection.DeathCauses)).toEqual([Msp.Registry, Msp.Health]);
    expect(collectionMembersOf(Collection.PermitApplicants)).toEqual([Msp.Registry, Msp.PublicWorks]);
  });
});
