import { common, peer } from '@hyperledger/fabric-protos';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LedgerBlock } from './block';
import { bftQuorum } from './blockSignatures';
import { verifyBlocks } from './integrity';
import { encodeBlockFile } from './testing/blocks';
import { BlockSigner, configEnvelope, resign, SignedChain, TestOrderer, TestOrg, TestPki, transaction } from './testing/orderers';
import { verifyBlockFiles } from './verifyBlockFiles';

let dir: string;
let pki: TestPki;
let org: TestOrg;
let other: TestOrg;
let o: TestOrderer[]; // o[1]..o[4] in OrdererMSP, o[5] in OtherMSP

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'audit-signatures-'));
  pki = new TestPki(dir);
  org = pki.org('OrdererMSP');
  other = pki.org('OtherMSP');
  o = [1, 2, 3, 4].map((id) => pki.orderer(org, `orderer${id}`, id));
  o.unshift(o[0] as TestOrderer);
  o.push(pki.orderer(other, 'orderer5', 5));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const by = (orderer: BlockSigner['orderer'], how: BlockSigner['by'] = 'certificate'): BlockSigner => ({ orderer, by: how });
const check = (blocks: readonly LedgerBlock[]) => verifyBlocks('test', blocks.map((block) => ({ block })));

/** Block 0 names Raft consenters orderer1..3; blocks 1..4 hold two transactions each, signed in turn. */
function raftChain(): SignedChain {
  const chain = new SignedChain();
  chain.append([configEnvelope('etcdraft', [org], [o[1], o[2], o[3]] as TestOrderer[])], []);
  for (let n = 1; n <= 4; n++) chain.append([transaction(`tx${n}a`), transaction(`tx${n}b`)], [by(o[1 + (n % 3)] as TestOrderer)]);
  return chain;
}

describe('block signatures, Raft', () => {
  it('passes a chain signed by its consenters, from the genesis config', async () => {
    expect(await check(raftChain().blocks)).toMatchObject({ ok: true, blocksChecked: 5, signatures: { verified: 4, unchecked: 0, anchor: 0 } });
  });

  it('names, in a block file, a block re-signed with a key that is not a consenter’s', async () => {
    const blocks = raftChain().blocks;
    blocks[3] = resign(blocks[3] as LedgerBlock, by(pki.stranger('OrdererMSP')));
    const file = path.join(dir, 'blockfile_000000');
    await writeFile(file, encodeBlockFile(blocks));
    const report = await verifyBlockFiles(file);
    expect(report).toMatchObject({ ok: false, height: 3, signatures: { verified: 2 }, firstBadBlock: { block: 3, check: 'signature', file } });
    expect(report.firstBadBlock?.detail).toMatch(/^signed by CN=intruder \(OrdererMSP\), not a consenter of the config in force \(block 0\)$/);
  });

  it.each([
    ['a member of the orderer org that is no consenter', () => pki.member(org, 'peer0')],
    ['a consenter of another org, not in this config', () => o[5] as TestOrderer],
    ['a consenter whose certificate is claimed by another MSP ID', () => ({ ...(o[1] as TestOrderer), mspId: 'OtherMSP' })],
  ])('names a block signed by %s', async (_who, signer) => {
    const blocks = raftChain().blocks;
    blocks[2] = resign(blocks[2] as LedgerBlock, by(signer()));
    expect((await check(blocks)).firstBadBlock).toMatchObject({ block: 2, check: 'signature', detail: expect.stringMatching(/not a consenter/) });
  });

  it("names a block whose signature is made with another key under a consenter's certificate", async () => {
    const blocks = raftChain().blocks;
    blocks[2] = resign(blocks[2] as LedgerBlock, by({ ...(o[1] as TestOrderer), privateKey: pki.stranger('OrdererMSP').privateKey }));
    expect((await check(blocks)).firstBadBlock).toMatchObject({ block: 2, check: 'signature', detail: expect.stringMatching(/CN=orderer1.*does not verify/) });
  });

  it('names a block whose signed metadata value changed after signing (another last config index)', async () => {
    const blocks = raftChain().blocks;
    const signed = blocks[1] as LedgerBlock;
    const signatures = common.Metadata.deserializeBinary(signed.metadata[0] as Uint8Array);
    const value = common.OrdererBlockMetadata.deserializeBinary(signatures.getValue_asU8());
    value.getLastConfig()?.setIndex(7);
    signatures.setValue(value.serializeBinary());
    const metadata = [signatures.serializeBinary(), ...signed.metadata.slice(1)];
    expect((await check([blocks[0] as LedgerBlock, { ...signed, metadata }])).firstBadBlock).toMatchObject({
      block: 1,
      check: 'signature',
      detail: expect.stringMatching(/CN=orderer2.*does not verify over the block header and metadata/),
    });
  });

  it('names a block whose signature metadata does not parse', async () => {
    const blocks = raftChain().blocks;
    const signed = blocks[1] as LedgerBlock;
    const metadata = [Buffer.from([0x0a, 0x50, 0x01]), ...signed.metadata.slice(1)];
    expect((await check([blocks[0] as LedgerBlock, { ...signed, metadata }])).firstBadBlock).toMatchObject({ block: 1, check: 'signature', detail: expect.stringMatching(/cannot be read/) });
  });

  it('names a block without signatures', async () => {
    const blocks = raftChain().blocks;
    blocks[4] = resign(blocks[4] as LedgerBlock);
    expect((await check(blocks)).firstBadBlock).toMatchObject({ block: 4, check: 'signature', detail: expect.stringMatching(/signed by 0 consenter\(s\).*1 needed/) });
  });

  it('follows config blocks: a consenter added counts from the next block, one removed no longer does', async () => {
    const build = (signerOfBlock3: TestOrderer, signerOfBlock4: TestOrderer) => {
      const chain = new SignedChain();
      chain.append([configEnvelope('etcdraft', [org], [o[1], o[2], o[3]] as TestOrderer[])], []);
      chain.append([transaction('tx1')], [by(o[1] as TestOrderer)]);
      chain.append([configEnvelope('etcdraft', [org], [o[1], o[2], o[4]] as TestOrderer[])], [by(o[2] as TestOrderer)]);
      chain.append([transaction('tx3')], [by(signerOfBlock3)]);
      chain.append([transaction('tx4')], [by(signerOfBlock4)]);
      return chain.blocks;
    };
    expect(await check(build(o[4] as TestOrderer, o[1] as TestOrderer))).toMatchObject({ ok: true, signatures: { verified: 4 } });
    expect((await check(build(o[3] as TestOrderer, o[1] as TestOrderer))).firstBadBlock).toMatchObject({ block: 3, check: 'signature', detail: expect.stringMatching(/CN=orderer3.*config in force \(block 2\)/) });
    // The config block itself is checked under the config before it: orderer4 cannot sign its own admission.
    const blocks = build(o[4] as TestOrderer, o[4] as TestOrderer);
    blocks[2] = resign(blocks[2] as LedgerBlock, by(o[4] as TestOrderer));
    expect((await check(blocks)).firstBadBlock).toMatchObject({ block: 2, check: 'signature', detail: expect.stringMatching(/config in force \(block 0\)/) });
  });

  it('leaves the signatures unchecked until a config block, when a file starts mid-chain', async () => {
    expect(await check(raftChain().blocks.slice(2))).toMatchObject({ ok: true, signatures: { verified: 0, unchecked: 3, anchor: null } });
  });
});

describe('block signatures, BFT', () => {
  /** Block 0 names BFT consenters 1..4 (quorum 3); block 1 is signed by `signers`, each naming itself by id. */
  function bftChain(...signers: BlockSigner[]): LedgerBlock[] {
    const chain = new SignedChain();
    chain.append([configEnvelope('BFT', [org], [o[1], o[2], o[3], o[4]] as TestOrderer[])], []);
    chain.append([transaction('tx1')], signers);
    return chain.blocks;
  }

  it('computes the quorum as fabric does', () => {
    expect([1, 4, 5, 7, 10].map(bftQuorum)).toEqual([1, 3, 4, 5, 7]);
  });

  it('passes a block signed by a quorum of distinct consenters, by id or by certificate', async () => {
    expect(await check(bftChain(by(o[1] as TestOrderer, 'id'), by(o[3] as TestOrderer, 'id'), by(o[4] as TestOrderer, 'id')))).toMatchObject({ ok: true, signatures: { verified: 1 } });
    expect(await check(bftChain(by(o[1] as TestOrderer, 'id'), by(o[2] as TestOrderer), by(o[4] as TestOrderer, 'id')))).toMatchObject({ ok: true });
  });

  it.each([
    ['two consenters', [1, 2], /signed by 2 consenter\(s\).*3 needed \(BFT, 4 consenters\)/],
    ['one consenter three times', [2, 2, 2], /signed by 1 consenter\(s\)/],
  ])('names a block signed by %s only', async (_case, ids, detail) => {
    const report = await check(bftChain(...ids.map((id) => by(o[id] as TestOrderer, 'id'))));
    expect(report.firstBadBlock).toMatchObject({ block: 1, check: 'signature', detail: expect.stringMatching(detail) });
  });

  it('names a block with a signature by an id that is no consenter, or a forged one', async () => {
    const quorum = [1, 2, 3].map((id) => by(o[id] as TestOrderer, 'id'));
    const unknown = await check(bftChain(...quorum, by({ ...(o[5] as TestOrderer), id: 9 }, 'id')));
    expect(unknown.firstBadBlock).toMatchObject({ block: 1, detail: 'signed by consenter id 9, not a consenter of the config in force (block 0)' });
    const forged = await check(bftChain(...quorum.slice(0, 2), by({ ...(o[3] as TestOrderer), privateKey: pki.stranger('OrdererMSP').privateKey }, 'id')));
    expect(forged.firstBadBlock).toMatchObject({ block: 1, detail: 'the signature of consenter id 3 does not verify over the block header and metadata' });
  });
});

describe('transaction validation codes', () => {
  it('reports invalid transactions without failing the ledger', async () => {
    const chain = new SignedChain();
    chain.append([configEnvelope('etcdraft', [org], [o[1]] as TestOrderer[])], []);
    chain.append([transaction('ok'), transaction('conflict'), transaction('unendorsed')], [by(o[1] as TestOrderer)], [
      peer.TxValidationCode.VALID,
      peer.TxValidationCode.MVCC_READ_CONFLICT,
      peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE,
    ]);
    expect(await check(chain.blocks)).toMatchObject({
      ok: true,
      transactions: {
        total: 4,
        valid: 2,
        unflagged: 0,
        invalid: [
          { block: 1, index: 1, txId: 'conflict', code: 'MVCC_READ_CONFLICT' },
          { block: 1, index: 2, txId: 'unendorsed', code: 'ENDORSEMENT_POLICY_FAILURE' },
        ],
      },
    });
  });
});
