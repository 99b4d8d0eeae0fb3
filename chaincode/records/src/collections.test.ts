import path from 'node:path';
import { loadCollectionsConfig } from '@city-ledger/chaincode-common/testing';
import { loadConsortium } from '@city-ledger/network';
import { Msp } from '@city-ledger/chaincode-common';
import { Collection, COLLECTION_SPECS, collectionMembers, type CollectionName } from './collections';

const config = loadCollectionsConfig(path.join(__dirname, '..'));
const peersPerMsp = new Map(
  loadConsortium(path.join(__dirname, '..', '..', '..', 'organizations')).orgs.map((org) => [org.mspId, org.peers.length]),
);

/** The MSP IDs named in a signature policy `OR('A.role', 'B.role')`, checking every principal's role. */
function policyMsps(policy: string, role: string): string[] {
  const match = /^OR\((.*)\)$/.exec(policy);
  expect(match).not.toBeNull();
  return (match?.[1] ?? '').split(',').map((principal) => {
    const parts = /^\s*'([A-Za-z0-9]+)\.([a-z]+)'\s*$/.exec(principal);
    expect(parts?.[2]).toBe(role);
    return parts?.[1] ?? '';
  });
}

describe('collections_config.json', () => {
  it('declares exactly the collections the chaincode uses', () => {
    expect(config.map((c) => c.name).sort()).toEqual(Object.values(Collection).sort());
    expect(Object.keys(COLLECTION_SPECS).sort()).toEqual(Object.values(Collection).sort());
  });

  describe.each(config.map((c) => [c.name, c] as const))('%s', (name, collection) => {
    const members = collectionMembers(name as CollectionName);

    it('has the member orgs the chaincode guards expect', () => {
      expect(policyMsps(collection.policy, 'member').sort()).toEqual([...members].sort());
    });

    it('never includes the Auditor', () => {
      expect(collection.policy).not.toContain(Msp.Auditor);
      expect(JSON.stringify(collection)).not.toContain(Msp.Auditor);
      expect(members).not.toContain(Msp.Auditor);
    });

    it('is member-only for reads and writes', () => {
      expect(collection.memberOnlyRead).toBe(true);
      expect(collection.memberOnlyWrite).toBe(true);
    });

    it('keeps or purges data as documented', () => {
      expect(collection.blockToLive).toBe(COLLECTION_SPECS[name as CollectionName].blockToLive);
    });

    it('disseminates to every other member peer, requiring a copy only where one peer down still leaves one', () => {
      // Peers other than the endorsing one: every member peer minus one.
      const otherPeers = members.reduce((sum, msp) => sum + (peersPerMsp.get(msp) ?? 0), 0) - 1;
      expect(collection.requiredPeerCount).toBe(Math.max(0, Math.min(1, otherPeers - 1)));
      expect(collection.requiredPeerCount).toBeLessThanOrEqual(collection.maxPeerCount);
      expect(collection.maxPeerCount).toBe(otherPeers);
    });

    it('is endorsed by member peers only', () => {
      const policy = collection.endorsementPolicy?.signaturePolicy ?? '';
      expect(policyMsps(policy, 'peer').sort()).toEqual([...members].sort());
    });
  });

  it('keeps legal records forever and purges permit contact data', () => {
    expect(COLLECTION_SPECS[Collection.PropertyOwners].blockToLive).toBe(0);
    expect(COLLECTION_SPECS[Collection.VitalRecords].blockToLive).toBe(0);
    expect(COLLECTION_SPECS[Collection.DeathRecords].blockToLive).toBe(0);
    expect(COLLECTION_SPECS[Collection.DeathCauses].blockToLive).toBe(0);
    expect(COLLECTION_SPECS[Collection.PermitApplicants].blockToLive).toBeGreaterThan(0);
  });
});
