import { BlockFileRecord, checkDocument, historyCsv, PeerSession, peerBlockFilesDir, readBlockFile, recordHistory, verifyBlockFiles, verifyLedger } from '@city-ledger/audit';
import { encodeBlockFile, resign, TestPki, TestSigner } from '@city-ledger/audit/testing';
import { createPrivateKey, randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { auditCli } from './support/audit';
import { ClientSession, connectAs, transient } from './support/gateway';
import { registerParcel, transferParcel } from './support/parcels';
import { consortium, layout, networkEnv, org } from './support/network';

// The regulator's audit tooling against the shared network, as the Auditor's user on the
// Auditor's peer. It only reads the ledger; block files are copied, never touched.
const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
const env = () => ({ consortium: consortium(), layout: layout(), channel: networkEnv().CHANNEL_NAME });

let auditor: PeerSession;
let clerk: ClientSession;
let registrar: ClientSession;
let scratch: string;

beforeAll(async () => {
  auditor = PeerSession.open(env(), { org: 'auditor', user: 'auditor1' });
  clerk = await connectAs('registry', 'clerk1');
  registrar = await connectAs('registry', 'registrar1');
  scratch = await mkdtemp(path.join(tmpdir(), 'audit-it-'));
});
afterAll(async () => {
  auditor.close();
  [clerk, registrar].forEach((s) => s.close());
  await rm(scratch, { recursive: true, force: true });
});

describe('ledger integrity', () => {
  test("the Auditor's chain is intact, matches its GetChainInfo and every department's peer", async () => {
    const departments = consortium().orgs.filter((o) => o.role === 'department');
    const others = departments.map((o) => PeerSession.open(env(), { org: 'auditor', user: 'auditor1', peerOrg: o.key }));
    try {
      const report = await verifyLedger(auditor, others);
      expect(report).toMatchObject({ ok: true, firstBlock: 0, chainInfoMatches: true });
      expect(report.height).toBe(report.peerHeight);
      expect(report.blocksChecked).toBe(report.peerHeight);
      // Every block after the genesis block (the trust anchor, unsigned) is signed by a consenter of its config.
      expect(report.signatures).toEqual({ verified: report.peerHeight - 1, unchecked: 0, anchor: 0 });
      expect(report.transactions.total).toBeGreaterThan(report.peerHeight - 1);
      expect(report.peers.map((p) => ('match' in p ? p.match : p.error))).toEqual(departments.map(() => true));
    } finally {
      others.forEach((s) => s.close());
    }
  });

  test("a copy of the Auditor's block file passes; with one byte of a transaction changed it names that block", async () => {
    const live = path.join(peerBlockFilesDir(layout(), org('auditor'), 'peer0', networkEnv().CHANNEL_NAME), 'blockfile_000000');
    const copy = path.join(scratch, 'blockfile_000000');
    await copyFile(live, copy);
    const intact = await verifyBlockFiles(copy);
    expect(intact).toMatchObject({ ok: true, firstBlock: 0 });
    expect(intact.height).toBeGreaterThan(2);

    const bytes = await readFile(copy);
    const records = [...readBlockFile(bytes)];
    const target = records[Math.floor(records.length / 2)];
    const envelope = target?.envelopes[0];
    if (!target || !envelope) throw new Error('the block file has no transactions to change');
    const at = envelope.offset + Math.floor(envelope.length / 2);
    bytes[at] = (bytes[at] as number) ^ 0x01;
    await writeFile(copy, bytes);

    const report = await verifyBlockFiles(copy);
    expect(report).toMatchObject({ ok: false, firstBadBlock: { block: target.block.header.number, check: 'dataHash', file: copy, offset: target.offset } });
    expect(report.height).toBe(target.block.header.number);
  });
});

describe('orderer signatures on a copy of the block file', () => {
  const nodeFile = (orgKey: string, node: string, file: string) => path.join(layout().nodeDir(org(orgKey), node), 'msp', file);
  /** A node's signing identity from its MSP folder. */
  const signer = async (orgKey: string, node: string) => ({
    mspId: org(orgKey).mspId,
    certificate: await readFile(nodeFile(orgKey, node, 'signcerts/cert.pem'), 'utf8'),
    privateKey: createPrivateKey(await readFile(nodeFile(orgKey, node, 'keystore/key.pem'))),
  });

  let records: BlockFileRecord[];
  let target: number;
  beforeAll(async () => {
    const live = path.join(peerBlockFilesDir(layout(), org('auditor'), 'peer0', networkEnv().CHANNEL_NAME), 'blockfile_000000');
    records = [...readBlockFile(await readFile(live))];
    target = Math.floor(records.length / 2);
  });

  /** Writes a copy with block `target` re-signed by `by`, and verifies it as verify-file does. */
  async function resigned(by: TestSigner) {
    const blocks = records.map((r, i) => (i === target ? resign(r.block, { orderer: by }) : r.block));
    const copy = path.join(scratch, `resigned-${randomBytes(4).toString('hex')}`, 'blockfile_000000');
    await mkdir(path.dirname(copy));
    await writeFile(copy, encodeBlockFile(blocks));
    return verifyBlockFiles(copy);
  }

  test('every block of the copy is signed by a consenter; re-signed by another consenter it still passes', async () => {
    const consenter = consortium().orgs.find((o) => o.orderers.some((n) => n.profiles.includes('raft')));
    if (!consenter) throw new Error('no Raft consenter declared');
    const report = await resigned(await signer(consenter.key, consenter.orderers[0]?.name as string));
    expect(report).toMatchObject({ ok: true, signatures: { verified: records.length - 1, unchecked: 0, anchor: 0 } });
  });

  test.each([
    ['a peer of a consenting org (its CA issued the key, but it is no consenter)', () => signer('registry', 'peer0')],
    ["the Auditor's orderer (a BFT consenter only, not in the Raft config)", () => signer('auditor', 'orderer0')],
    ['a key and certificate no CA of the channel issued', async () => new TestPki(scratch).stranger(org('registry').mspId)],
  ])('a block re-signed by %s is named', async (_who, by) => {
    const report = await resigned(await by());
    const number = records[target]?.block.header.number;
    expect(report).toMatchObject({ ok: false, height: number, firstBadBlock: { block: number, check: 'signature' } });
    expect(report.firstBadBlock?.detail).toMatch(/^signed by .*, not a consenter of the config in force \(block \d+\)$/);
  });
});

describe('documents and history', () => {
  const parcelId = `PCL-AUD-${run}`;
  const birthId = `BRT-AUD-${run}`;
  const certificate = {
    salt: randomBytes(32).toString('hex'),
    details: { childName: 'Ada Byron', bornAt: '2025-12-10T08:00:00Z', placeOfBirth: 'City Hospital', parent1Name: 'Anne Milbanke' },
  };

  beforeAll(async () => {
    await registrar.contract('records', 'vital').submit('registerBirth', { arguments: [birthId], transientData: { vital: transient(certificate) } });
    const parcel = { id: parcelId, ownerId: `OWN-${run}-a`, location: 'urn:epc:id:sgln:4012345.00001.0', areaM2: 300, landUse: 'RESIDENTIAL' };
    await registerParcel(clerk, parcel, { name: 'Grace Hopper', address: '2 Harbour Rd, "North", ward 1' });
    await transferParcel(registrar, parcelId, `OWN-${run}-b`, { name: 'Alan Turing', address: '3 Bletchley Ln' });
  });

  test('the real birth certificate matches its on-chain hash; a changed one does not', async () => {
    const real = await checkDocument(auditor, 'vital', birthId, transient(certificate));
    expect(real).toMatchObject({ result: 'MATCH', status: 'REGISTERED' });
    expect(real.presentedHash).toBe(real.onChainHash);
    const changed = { ...certificate, details: { ...certificate.details, bornAt: '2025-12-11T08:00:00Z' } };
    expect(await checkDocument(auditor, 'vital', birthId, transient(changed))).toMatchObject({ result: 'MISMATCH', onChainHash: real.onChainHash });
  });

  test("a parcel's history exports every version, oldest first, without private data", async () => {
    const history = await recordHistory(auditor, 'parcel', parcelId);
    expect(history.versions.map((v) => [v.version, v.value?.['ownerId']])).toEqual([[1, `OWN-${run}-a`], [2, `OWN-${run}-b`]]);
    const csv = historyCsv(history);
    const lines = csv.split('\r\n');
    expect(lines[0]).toMatch(/^version,txId,timestamp,isDelete,.*ownerId/);
    expect(lines.filter((l) => l.includes(parcelId))).toHaveLength(2);
    expect(csv + JSON.stringify(history)).not.toMatch(/Grace|Turing|Harbour|Bletchley/);
  });
});

describe('the audit command', () => {
  const cli = auditCli;

  test('verify-ledger prints an OK report', async () => {
    const { code, stdout } = await cli('verify-ledger', '--compare', 'health');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, peers: [{ match: true }] });
  });

  test.each([
    [['history', 'parcel', `PCL-NONE-${run}`], /^error: NOT_FOUND: parcel PCL-NONE-\S+ does not exist\n$/],
    [['verify-ledger', '--to', '999999999'], /^error: INVALID_ARGUMENT: block 999999999 does not exist: the ledger's height is \d+/],
    [['verify-file', path.join(tmpdir(), `missing-${run}`)], /^error: UNREADABLE: cannot read .*: ENOENT\n$/],
  ])('%j exits 2 with one clear line', async (args, message) => {
    const { code, stdout, stderr } = await cli(...args);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(message);
  });
});
