import { chainOfBlocks, SignedChain, toProtoBlock, transaction } from '@city-ledger/audit/testing';
import { common } from '@hyperledger/fabric-protos';
import request from 'supertest';
import { KEYS, testApp } from '../testing';

/** A fake peer whose qscc serves `blocks`. */
function ledgerApp(blocks: common.Block[]) {
  const fixture = testApp({ readOnly: true, mspId: 'AuditorMSP' });
  fixture.ledger.onEvaluate('GetChainInfo', () => {
    const info = new common.BlockchainInfo();
    info.setHeight(blocks.length);
    return info.serializeBinary();
  });
  fixture.ledger.onEvaluate('GetBlockByNumber', ({ args }) => blocks[Number(args[1])]?.serializeBinary());
  return fixture;
}

/** The chain with one byte of block `number`'s first envelope changed, as an edited block file would be. */
function tampered(number: number): common.Block[] {
  const blocks = chainOfBlocks(6);
  const data = blocks[number]?.getData();
  const list = data?.getDataList_asU8() ?? [];
  const changed = Uint8Array.from(list[0] ?? []);
  changed[0] = (changed[0] ?? 0) ^ 1;
  data?.setDataList([changed, ...list.slice(1)]);
  return blocks;
}

describe('ledger routes', () => {
  it('list blocks newest first, with their hashes, and say the chain holds', async () => {
    const { app, ledger } = ledgerApp(chainOfBlocks(6));
    const res = await request(app).get('/v1/ledger/blocks?pageSize=3').set(KEYS.auditor).expect(200);
    expect(res.body).toMatchObject({ height: 6, chainHolds: true, next: '3' });
    expect(res.body.blocks.map((b: { number: number }) => b.number)).toEqual([5, 4, 3]);
    expect(res.body.blocks[0].previousHash).toBe(res.body.blocks[1].hash);
    // Every read goes to qscc on this channel, as the caller.
    for (const call of ledger.calls) expect(call).toMatchObject({ chaincode: 'qscc', args: expect.arrayContaining(['city']), principal: { user: 'auditor1' } });
  });

  it('mark a block whose transactions do not match its data hash, and say the chain does not hold', async () => {
    const { app } = ledgerApp(tampered(4));
    const res = await request(app).get('/v1/ledger/blocks').set(KEYS.auditor).expect(200);
    expect(res.body.chainHolds).toBe(false);
    expect(res.body.blocks.find((b: { number: number }) => b.number === 4).sound).toBe(false);
    expect(res.body.blocks.find((b: { number: number }) => b.number === 3).sound).toBe(true);
  });

  it('check one block as the list does: data hash and the link to the block before', async () => {
    // Block 3 names a wrong previous hash: its own link fails, and block 4 no longer links to it.
    const signed = new SignedChain();
    for (let i = 0; i < 6; i++) signed.append([transaction(`tx${i}`)], []);
    const blocks = signed.blocks.map(toProtoBlock);
    blocks[3]?.getHeader()?.setPreviousHash(new Uint8Array(32));
    const { app } = ledgerApp(blocks);
    const list = (await request(app).get('/v1/ledger/blocks').set(KEYS.auditor).expect(200)).body as { blocks: { number: number; sound: boolean }[] };
    expect(list.blocks.filter((b) => !b.sound).map((b) => b.number)).toEqual([4, 3]);
    for (const { number, sound } of list.blocks) {
      expect((await request(app).get(`/v1/ledger/blocks/${number}`).set(KEYS.auditor).expect(200)).body.sound).toBe(sound);
    }
    // A page that starts at block 4 still checks its link, to block 3 read as the anchor.
    const page = (await request(app).get('/v1/ledger/blocks?before=6&pageSize=2').set(KEYS.auditor).expect(200)).body;
    expect(page.blocks.map((b: { sound: boolean }) => b.sound)).toEqual([true, false]);
  });

  it('the integrity audit names the bad block', async () => {
    const { app } = ledgerApp(tampered(4));
    const res = await request(app).post('/v1/ledger/verification').set(KEYS.auditor).send({}).expect(200);
    expect(res.body).toMatchObject({ ok: false, firstBadBlock: { block: 4, check: 'dataHash' } });
  });

  it('an audit started from the page answers at once, then its progress and a report that names the bad block', async () => {
    const { app } = ledgerApp(tampered(4));
    const started = await request(app).post('/v1/ledger/verifications').set(KEYS.auditor).send({}).expect(201);
    expect(started.headers.location).toBe(`/v1/ledger/verifications/${started.body.id}`);
    expect(started.body).toMatchObject({ state: 'running' });
    let run = started.body;
    while (run.state === 'running') run = (await request(app).get(started.headers.location).set(KEYS.auditor).expect(200)).body;
    expect(run).toMatchObject({ state: 'done', blocksChecked: 4, blocksToCheck: 6, report: { ok: false, firstBadBlock: { block: 4, check: 'dataHash' } } });
    // Another principal's run, or a made-up one, is not found; a malformed ID is the client's error.
    expect((await request(app).get('/v1/ledger/verifications/00000000-0000-0000-0000-000000000000').set(KEYS.auditor).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await request(app).get('/v1/ledger/verifications/nope').set(KEYS.auditor).expect(400)).body.code).toBe('INVALID_ARGUMENT');
    expect((await request(app).post('/v1/ledger/verifications').set(KEYS.clerk).send({}).expect(403)).body.code).toBe('FORBIDDEN');
  });

  it('a block past the height is 404 NOT_FOUND, and a malformed number 400', async () => {
    const { app } = ledgerApp(chainOfBlocks(3));
    expect((await request(app).get('/v1/ledger/blocks/3').set(KEYS.auditor).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await request(app).get('/v1/ledger/blocks/-1').set(KEYS.auditor).expect(400)).body.code).toBe('INVALID_ARGUMENT');
    expect((await request(app).get('/v1/ledger/transactions/nothex').set(KEYS.auditor).expect(400)).body.code).toBe('INVALID_ARGUMENT');
  });

  it('are the regulator\'s: a department clerk gets 403', async () => {
    const { app, ledger } = ledgerApp(chainOfBlocks(3));
    expect((await request(app).get('/v1/ledger/blocks').set(KEYS.clerk).expect(403)).body.code).toBe('FORBIDDEN');
    expect(ledger.calls).toHaveLength(0);
  });
});
