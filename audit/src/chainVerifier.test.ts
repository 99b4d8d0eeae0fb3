import { common } from '@hyperledger/fabric-protos';
import { fromProtoBlock, LedgerBlock } from './block';
import { blockDataHash, blockHeaderHash, toHex } from './blockHash';
import { ChainVerifier } from './chainVerifier';
import { chainOfBlocks } from './testing/blocks';

/** Round-trips through protobuf bytes, as blocks arrive from a peer. */
const ledger = (count: number): LedgerBlock[] =>
  chainOfBlocks(count).map((b) => fromProtoBlock(common.Block.deserializeBinary(b.serializeBinary())));

function firstProblem(blocks: readonly LedgerBlock[]) {
  const verifier = new ChainVerifier();
  for (const block of blocks) {
    const problem = verifier.check(block);
    if (problem) return problem;
  }
  return verifier.tip();
}

describe('ChainVerifier', () => {
  it('accepts a sound chain and reports its height and current block hash', () => {
    const blocks = ledger(5);
    expect(firstProblem(blocks)).toEqual({ height: 5, currentBlockHash: toHex(blockHeaderHash((blocks[4] as LedgerBlock).header)) });
  });

  it('names a block whose transaction was changed (data hash)', () => {
    const blocks = ledger(5);
    const tampered = blocks.map((b) => ({ ...b, data: [...b.data] }));
    const envelope = Buffer.from(tampered[3]?.data[0] as Uint8Array);
    envelope[10] = (envelope[10] as number) ^ 0x01;
    (tampered[3]?.data as Uint8Array[])[0] = envelope;
    expect(firstProblem(tampered)).toMatchObject({ block: 3, check: 'dataHash', expected: toHex(blocks[3]?.header.dataHash as Uint8Array) });
  });

  it('names a block whose header was rewritten to match changed data (the next link breaks)', () => {
    const blocks = ledger(5);
    const b2 = blocks[2] as LedgerBlock;
    const data = [Buffer.from('forged')];
    const forged = { ...b2, data, header: { ...b2.header, dataHash: blockDataHash(data) } };
    expect(firstProblem([...blocks.slice(0, 2), forged, ...blocks.slice(3)])).toMatchObject({ block: 3, check: 'previousHash' });
  });

  it('names a block with a changed previous hash', () => {
    const blocks = ledger(4);
    const b1 = blocks[1] as LedgerBlock;
    const changed = { ...b1, header: { ...b1.header, previousHash: new Uint8Array(32) } };
    expect(firstProblem([blocks[0] as LedgerBlock, changed, ...blocks.slice(2)])).toMatchObject({ block: 1, check: 'previousHash' });
  });

  it('names a missing or renumbered block', () => {
    const blocks = ledger(4);
    expect(firstProblem([blocks[0], blocks[2], blocks[3]] as LedgerBlock[])).toMatchObject({ block: 1, check: 'number', actual: '2' });
  });

  it('refuses a genesis block that claims a predecessor', () => {
    const b0 = ledger(1)[0] as LedgerBlock;
    expect(firstProblem([{ ...b0, header: { ...b0.header, previousHash: new Uint8Array(32) } }])).toMatchObject({ block: 0, check: 'previousHash' });
  });

  it('trusts the first block of a chain that starts later, and checks from there on', () => {
    expect(firstProblem(ledger(6).slice(2))).toMatchObject({ height: 6 });
  });
});
