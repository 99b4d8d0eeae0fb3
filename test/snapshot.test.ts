import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectAs } from './support/gateway';
import { chainInfo, layout, networkEnv, networkScript, peerCli } from './support/network';
import { registerParcel } from './support/parcels';

/** snapshot.json, the manifest network/snapshot.sh writes beside a snapshot in the exchange. */
interface SnapshotManifest {
  readonly channel: string;
  readonly height: number;
  readonly lastBlockHash: string;
  readonly files: Record<string, string>;
  readonly takenFrom: string;
}

const hex = (base64: string) => Buffer.from(base64, 'base64').toString('hex');

/**
 * A city adds a peer without replaying the whole chain: Registry declares peer2 (in a copy of
 * the org files, so organizations/ never changes), takes a snapshot of its peer0 into the
 * exchange, and joins peer2 from it (network/snapshot.sh).
 *
 * In a runtime of its own, whose private data is all in Registry's collections: at the pinned
 * Fabric commit a peer panics importing a snapshot that holds private data hashes of a
 * collection its org is not a member of (README "Join by snapshot"), and the shared network
 * holds every department's private data by the time this file runs. The shared network is
 * stopped meanwhile (same ports) and brought back afterwards, as test/bft.test.ts does.
 */
describe('a new peer joins city from a ledger snapshot, not from the genesis block', () => {
  const orgsCopy = mkdtempSync(path.join(os.tmpdir(), 'city-snapshot-orgs-'));
  const saved = { ...process.env };
  const run = Date.now().toString(36);
  const parcel = (n: number) => ({ id: `SNAP-${run}-${n}`, ownerId: `OWN-SNAP-${run}-${n}`, location: `Lot ${n}`, areaM2: 300, landUse: 'RESIDENTIAL' });
  const owner = (n: number) => ({ name: `Owner ${n} ${run}`, address: `${n} Snapshot Rd` });
  /** A records query answered by registry/peer2 itself (the peer CLI as Registry's admin): its JSON. */
  const query = async (fn: string, ...args: string[]): Promise<string> => {
    const out = await peerCli('registry', 'peer2', ['chaincode', 'query', '-C', networkEnv().CHANNEL_NAME, '-n', 'records', '-c', JSON.stringify({ Args: [fn, ...args] })]);
    return out.split('\n').find((line) => line.startsWith('{')) ?? out;
  };
  let snapshotDir = '';

  const runtime = mkdtempSync(path.join(os.tmpdir(), 'city-snapshot-'));

  beforeAll(async () => {
    await networkScript('down');
    process.env.CITY_LEDGER_RUNTIME = runtime;
    await networkScript('up');
    // A parcel with its owner's private data, written before the snapshot.
    const clerk = await connectAs('registry', 'clerk1');
    try {
      await registerParcel(clerk, parcel(1), owner(1));
    } finally {
      clerk.close();
    }
    cpSync(networkEnv().ORGS_DIR, orgsCopy, { recursive: true });
    const registry = path.join(orgsCopy, 'registry.yaml');
    const peer2 = '  - name: peer2\n    port: 7351\n    chaincodePort: 7352\n    operationsPort: 17351\n    anchor: false\n';
    writeFileSync(registry, readFileSync(registry, 'utf8').replace('peers:\n', `peers:\n${peer2}`));
    process.env.CITY_LEDGER_ORGS = orgsCopy;
  }, 600_000);

  afterAll(async () => {
    // With the org files that declare peer2, so that down stops it too.
    await networkScript('down').catch(() => undefined);
    await networkScript('clean').catch(() => undefined);
    process.env = saved;
    rmSync(orgsCopy, { recursive: true, force: true });
    rmSync(runtime, { recursive: true, force: true });
    await networkScript('up');
  }, 600_000);

  test("take: the snapshot in the exchange is registry/peer0's last block, and its files match the hashes in its manifest", async () => {
    const out = await networkScript('snapshot', 'take', 'registry/peer0');
    // It prints the folder (its log lines go to stderr, and start with the time).
    snapshotDir = out.split('\n').find((line) => line.startsWith('/')) ?? '';
    expect(path.dirname(path.dirname(snapshotDir))).toBe(layout().snapshotsExchangeDir());

    const manifest = JSON.parse(readFileSync(path.join(snapshotDir, 'snapshot.json'), 'utf8')) as SnapshotManifest;
    const source = await chainInfo('registry', 'peer0');
    expect(manifest).toMatchObject({ channel: networkEnv().CHANNEL_NAME, takenFrom: 'registry/peer0', height: source.height, lastBlockHash: hex(source.currentBlockHash) });
    expect(Object.keys(manifest.files)).toEqual(expect.arrayContaining(['public_state.data', 'private_state_hashes.data', 'txids.data']));
    for (const [file, hash] of Object.entries(manifest.files)) {
      expect(createHash('sha256').update(readFileSync(path.join(snapshotDir, 'ledger', file))).digest('hex')).toBe(hash);
    }
  });

  test('join: registry/peer2 reaches the same last block hash as registry/peer0 with no block before the snapshot', async () => {
    const out = await networkScript('snapshot', 'join', 'registry/peer2', snapshotDir);
    expect(out).toMatch(/issuing identities for the new peer registry\/peer2/);
    expect(out).toMatch(/peer registry\/peer2 is on city at height \d+, the same last block as registry\/peer0/);
    expect(await chainInfo('registry', 'peer2')).toEqual(await chainInfo('registry', 'peer0'));
    // It never replayed the chain: its ledger starts after the snapshot.
    await expect(peerCli('registry', 'peer2', ['chaincode', 'query', '-C', networkEnv().CHANNEL_NAME, '-n', 'qscc', '-c', JSON.stringify({ Args: ['GetBlockByNumber', networkEnv().CHANNEL_NAME, '0'] })])).rejects.toThrow(
      /bootstrapped from a snapshot/,
    );
  });

  test('the new peer answers queries: state from the snapshot and from a block after it', async () => {
    const clerk = await connectAs('registry', 'clerk1');
    try {
      await registerParcel(clerk, parcel(2), owner(2));
    } finally {
      clerk.close();
    }
    expect(JSON.parse(await query('property:getParcel', parcel(1).id))).toMatchObject({ id: parcel(1).id, ownerId: parcel(1).ownerId });
    // A block committed after the join (the parcel above) reaches peer2 from the orderer.
    let after = '';
    for (let i = 0; i < 30 && !after.includes(parcel(2).id); i++) {
      after = await query('property:getParcel', parcel(2).id).catch(() => '');
      if (!after.includes(parcel(2).id)) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(JSON.parse(after)).toMatchObject({ id: parcel(2).id });
    expect(JSON.parse(await query('property:getOwnerDetails', parcel(2).ownerId))).toMatchObject(owner(2));
  });

  test('private data written before the snapshot reaches the new peer of a member org by reconciliation', async () => {
    // The snapshot holds only the hashes; the reconciler (every minute, Fabric's default) pulls
    // the values from the other Registry peers.
    let details = '';
    for (let i = 0; i < 60 && !details.includes(owner(1).name); i++) {
      details = await query('property:getOwnerDetails', parcel(1).ownerId).catch(() => '');
      if (!details.includes(owner(1).name)) await new Promise((resolve) => setTimeout(resolve, 3000));
    }
    expect(JSON.parse(details)).toMatchObject(owner(1));
  });
});
