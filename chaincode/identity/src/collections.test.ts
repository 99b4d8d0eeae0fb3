import { FOUNDING_CONSORTIUM, Msp } from '@city-ledger/chaincode-common/testing';
import { citizenCollectionOf, isCollectionMember } from './collections';

// The generated collections_config.json is tested where it is generated (network/src/collections.test.ts).
describe('citizen collections', () => {
  it('gives each department one collection, of which it is the only member, and the Auditor none', () => {
    expect(citizenCollectionOf(Msp.Registry)).toBe('registryCitizens');
    expect(citizenCollectionOf(Msp.Health)).toBe('healthCitizens');
    expect(citizenCollectionOf(Msp.PublicWorks)).toBe('publicWorksCitizens');
    for (const msp of [Msp.Registry, Msp.Health, Msp.PublicWorks]) {
      const own = citizenCollectionOf(msp) as string;
      expect(FOUNDING_CONSORTIUM.collections[own]?.members).toEqual([msp]);
      expect(isCollectionMember(own, msp)).toBe(true);
      expect(isCollectionMember(own, Msp.Auditor)).toBe(false);
    }
    expect(citizenCollectionOf(Msp.Auditor)).toBeUndefined();
    expect(isCollectionMember('noSuchCollection', Msp.Registry)).toBe(false);
  });
});
