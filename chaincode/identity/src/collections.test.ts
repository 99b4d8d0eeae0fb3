import { loadConsortium } from '@city-ledger/network';
import { loadCollectionsConfig } from '@city-ledger/chaincode-common/testing';
import { join } from 'node:path';
import { DEPARTMENT_MSPS, Msp, REGULATOR_MSPS } from '@city-ledger/chaincode-common';
import { CitizenCollection, COLLECTION_MEMBERS, citizenCollectionOf, isCollectionMember } from './collections';

const config = loadCollectionsConfig(join(__dirname, '..'));

// Peers per MSP, from the org files (the single source of truth of the network).
const peersOf = new Map(
  loadConsortium(join(__dirname, '..', '..', '..', 'organizations')).orgs.map((org) => [org.mspId, org.peers.length]),
);

describe('collections_config.json', () => {
  it('declares exactly the collections of src/collections.ts', () => {
    expect(config.map((c) => c.name).sort()).toEqual(Object.values(CitizenCollection).sort());
    expect(Object.keys(COLLECTION_MEMBERS).sort()).toEqual(Object.values(CitizenCollection).sort());
  });

  it.each(config.map((c) => [c.name, c] as const))('%s: policy, flags and peer counts', (name, c) => {
    const members = COLLECTION_MEMBERS[name] ?? [];
    expect(members).toHaveLength(1);
    const msp = members[0] as string;
    expect(c.policy).toBe(`OR('${msp}.member')`);
    expect(c.endorsementPolicy).toEqual({ signaturePolicy: `OR('${msp}.peer')` });
    expect(c.memberOnlyRead).toBe(true);
    expect(c.memberOnlyWrite).toBe(true);
    expect(c.blockToLive).toBe(0);
    // Private data is disseminated only to OTHER peers of member orgs.
    const otherPeers = (peersOf.get(msp) as number) - 1;
    // A copy is required only where one member peer down still leaves another to take it.
    expect(c.requiredPeerCount).toBe(Math.max(0, Math.min(1, otherPeers - 1)));
    expect(c.maxPeerCount).toBe(otherPeers);
    expect(c.requiredPeerCount).toBeLessThanOrEqual(c.maxPeerCount);
  });

  it('gives each department one collection and the Auditor none', () => {
    expect(DEPARTMENT_MSPS.map(citizenCollectionOf).sort()).toEqual(Object.values(CitizenCollection).sort());
    expect(REGULATOR_MSPS).toContain(Msp.Auditor);
    for (const c of config) {
      expect(c.policy).not.toContain(Msp.Auditor);
      expect(JSON.stringify(c)).not.toContain('Auditor');
      expect(isCollectionMember(c.name, Msp.Auditor)).toBe(false);
    }
    expect(citizenCollectionOf(Msp.Auditor)).toBeUndefined();
    expect(isCollectionMember('noSuchCollection', Msp.Registry)).toBe(false);
  });

  it('counts the peers from the org files', () => {
    expect(peersOf.get(Msp.Registry)).toBe(2);
    expect(peersOf.get(Msp.Health)).toBe(1);
    expect(peersOf.get(Msp.PublicWorks)).toBe(1);
  });
});
