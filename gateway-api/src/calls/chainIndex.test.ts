import { blockHeaderHash, toHex, type LedgerBlock } from '@city-ledger/audit/ledger';
import { configEnvelope, SignedChain, TestPki } from '@city-ledger/audit/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ChainIndex, type ChainSource } from './chainIndex';

/** A peer serving the first `height` blocks of `chain` (changeable), counting block reads. */
function source(chain: { blocks: LedgerBlock[]; height: number }): ChainSource {
  return {
    chainInfo: async () => ({ height: chain.height, currentBlockHash: toHex(blockHeaderHash((chain.blocks[chain.height - 1] as LedgerBlock).header)) }),
    block: async (number) => chain.blocks[number] as LedgerBlock,
  };
}

let dir: string;
beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'chain-index-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ChainIndex', () => {
  it('walks the chain once, then reads only new blocks: a new config block shows in the history', async () => {
    const pki = new TestPki(dir);
    const org = pki.org('OrdererMSP');
    const orderers = [pki.orderer(org, 'orderer1', 1)];
    const signed = new SignedChain();
    signed.append([configEnvelope('etcdraft', [org], orderers)], []);
    signed.append([configEnvelope('etcdraft', [org], orderers)], []);
    const chain = { blocks: signed.blocks, height: 1 };
    const index = new ChainIndex();

    await index.upToDate(source(chain));
    expect(index.blocksRead).toBe(1);
    expect(index.configHistory().map((c) => c.block)).toEqual([0]);
    await index.upToDate(source(chain));
    expect(index.blocksRead).toBe(1);

    chain.height = 2;
    await index.upToDate(source(chain));
    expect(index.blocksRead).toBe(2);
    expect(index.configHistory().map((c) => c.block)).toEqual([0, 1]);
    expect(index.definitions()).toEqual([]);
  });

  it('walks again from block 0 when the tip no longer links to what it read', async () => {
    const pki = new TestPki(dir);
    const chainOf = (mspId: string, length: number) => {
      const org = pki.org(mspId);
      const orderers = [pki.orderer(org, 'orderer1', 1)];
      const signed = new SignedChain();
      for (let i = 0; i < length; i++) signed.append([configEnvelope('etcdraft', [org], orderers)], []);
      return signed.blocks;
    };
    const index = new ChainIndex();
    await index.upToDate(source({ blocks: chainOf('FirstMSP', 3), height: 3 }));
    // Another chain, longer: its block 3 does not link to the block 2 read before.
    await index.upToDate(source({ blocks: chainOf('OtherMSP', 5), height: 5 }));
    expect(index.blocksRead).toBe(3 + 1 + 5);
    expect(index.configHistory().map((c) => c.block)).toEqual([0, 1, 2, 3, 4]);
  });
});
