import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fromProtoBlock, LedgerBlock } from './block';
import { blockDataHash, blockHeaderHash, toHex } from './blockHash';
import { AuditError } from './errors';
import type { LedgerPeer } from './peerSession';
import { chainOfBlocks } from './testing/blocks';
import { configEnvelope, resign, SignedChain, TestPki, transaction } from './testing/orderers';
import { verifyLedger } from './verifyLedger';

/** A peer serving `blocks`; `claimedTip` overrides what its GetChainInfo says. */
function fakePeer(label: string, blocks: readonly LedgerBlock[], claimedTip?: string): LedgerPeer & { served: number[] } {
  const served: number[] = [];
  const last = blocks[blocks.length - 1] as LedgerBlock;
  return {
    label,
    served,
    chainInfo: async () => ({ height: blocks.length, currentBlockHash: claimedTip ?? toHex(blockHeaderHash(last.header)) }),
    blocks: async function* (from, to) {
      for (const block of blocks.slice(from, to + 1)) {
        served.push(block.header.number);
        yield block;
      }
    },
  };
}

const unreachable: LedgerPeer = {
  label: 'down',
  chainInfo: async () => {
    throw new AuditError('UNAVAILABLE', 'GetChainInfo failed: connection refused');
  },
  blocks: () => {
    throw new Error('never asked');
  },
};

describe('verifyLedger', () => {
  const chain = chainOfBlocks(6).map(fromProtoBlock);

  it('reports progress block by block, and none for a block that fails', async () => {
    const seen: string[] = [];
    await verifyLedger(fakePeer('auditor', chain), [], { from: 2 }, (checked, total) => seen.push(`${checked}/${total}`));
    expect(seen).toEqual(['0/4', '1/4', '2/4', '3/4', '4/4']);

    const broken = chain.map((block) => (block.header.number === 3 ? { ...block, header: { ...block.header, dataHash: new Uint8Array(32) } } : block));
    const partial: string[] = [];
    const report = await verifyLedger(fakePeer('auditor', broken), [], {}, (checked, total) => partial.push(`${checked}/${total}`));
    expect(report.firstBadBlock).toMatchObject({ block: 3, check: 'dataHash' });
    expect(partial).toEqual(['0/6', '1/6', '2/6', '3/6']);
  });

  it('walks the whole chain and agrees with peers at the highest common block', async () => {
    const behind = fakePeer('behind', chain.slice(0, 5));
    const report = await verifyLedger(fakePeer('auditor', chain), [fakePeer('same', chain), behind, unreachable]);
    expect(report).toMatchObject({ ok: true, firstBlock: 0, blocksChecked: 6, height: 6, peerHeight: 6, chainInfoMatches: true });
    expect(report.peers).toEqual([
      expect.objectContaining({ peer: 'same', height: 6, comparedBlock: 5, match: true }),
      expect.objectContaining({ peer: 'behind', height: 5, comparedBlock: 4, match: true }),
      { peer: 'down', error: 'GetChainInfo failed: connection refused' },
    ]);
    expect(behind.served).toEqual([4]);
  });

  it('fails when another peer has a different block at the common height', async () => {
    // A fork: another block 5 on the same block 4, consistent in itself.
    const data = [Buffer.from('other')];
    const b5 = chain[5] as LedgerBlock;
    const forked = [...chain.slice(0, 5), { ...b5, data, header: { ...b5.header, dataHash: blockDataHash(data) } }];
    const report = await verifyLedger(fakePeer('auditor', chain), [fakePeer('forked', forked)]);
    expect(report.ok).toBe(false);
    expect(report.firstBadBlock).toBeUndefined();
    expect(report.peers[0]).toMatchObject({ match: false, comparedBlock: 5 });
  });

  it("fails when the peer's GetChainInfo disagrees with the blocks it serves", async () => {
    const report = await verifyLedger(fakePeer('auditor', chain, '00'.repeat(32)), []);
    expect(report).toMatchObject({ ok: false, chainInfoMatches: false, height: 6 });
  });

  it('names the first bad block and compares nothing', async () => {
    const tampered = chain.map((b, i) => (i === 3 ? { ...b, data: [Buffer.from('changed')] } : b));
    const other = fakePeer('other', chain);
    const report = await verifyLedger(fakePeer('auditor', tampered), [other]);
    expect(report).toMatchObject({ ok: false, blocksChecked: 4, height: 3, firstBadBlock: { block: 3, check: 'dataHash' }, peers: [] });
    expect(other.served).toEqual([]);
  });

  it('walks a range, without the tip checks when it stops short', async () => {
    const auditor = fakePeer('auditor', chain);
    const report = await verifyLedger(auditor, [], { from: 2, to: 4 });
    expect(report).toMatchObject({ ok: true, firstBlock: 2, blocksChecked: 3, height: 5 });
    expect(report.chainInfoMatches).toBeUndefined();
    expect(auditor.served).toEqual([2, 2, 3, 4]); // block 2 first, for the config in force there
  });

  it('checks signatures from the config in force at the first block of a range', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'audit-ledger-'));
    try {
      const pki = new TestPki(dir);
      const org = pki.org('OrdererMSP');
      const [o1, o2] = [pki.orderer(org, 'orderer1', 1), pki.orderer(org, 'orderer2', 2)];
      const signed = new SignedChain();
      signed.append([transaction('before the config')], []);
      signed.append([configEnvelope('etcdraft', [org], [o1, o2])], [{ orderer: o1 }]);
      for (const n of [2, 3, 4]) signed.append([transaction(`tx${n}`)], [{ orderer: n === 3 ? o2 : o1 }]);
      const auditor = fakePeer('auditor', signed.blocks);
      const report = await verifyLedger(auditor, [], { from: 3 });
      expect(report).toMatchObject({ ok: true, blocksChecked: 2, signatures: { verified: 2, unchecked: 0, anchor: 1 } });
      expect(auditor.served).toEqual([3, 1, 3, 4]);
      signed.blocks[4] = resign(signed.blocks[4] as LedgerBlock, { orderer: pki.stranger('OrdererMSP') });
      expect((await verifyLedger(fakePeer('auditor', signed.blocks), [], { from: 3 })).firstBadBlock).toMatchObject({ block: 4, check: 'signature' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [{ from: 6 }, 'block 6 does not exist: the ledger\'s height is 6 (blocks 0 to 5)'],
    [{ to: 99 }, 'block 99 does not exist: the ledger\'s height is 6 (blocks 0 to 5)'],
    [{ from: 4, to: 2 }, 'from (4) is after to (2)'],
    [{ from: -1 }, 'block number from must be a whole number from 0, got -1'],
    [{ to: 1.5 }, 'block number to must be a whole number from 0, got 1.5'],
  ])('refuses the range %j', async (range, message) => {
    await expect(verifyLedger(fakePeer('auditor', chain), [], range)).rejects.toEqual(new AuditError('INVALID_ARGUMENT', message));
  });
});
