/**
 * The regulator's ledger browser: blocks, transactions, the integrity audit, the channel
 * config and chaincode definitions, read through the system chaincodes (calls/ledgerReader.ts)
 * and decoded by the audit package. Auditors only: a block names every key every transaction
 * touched. Nothing private leaves: values, arguments and private collections' keys are not
 * decoded (audit's transactionDetail.ts).
 *
 * | route | reads | roles |
 * |---|---|---|
 * | `GET /v1/ledger/blocks?before&pageSize` | qscc `GetChainInfo`, `GetBlockByNumber` (newest first; each block's data hash and link checked) | auditor |
 * | `GET /v1/ledger/blocks/:number` | qscc `GetBlockByNumber`, its transactions; the same checks as the list | auditor |
 * | `GET /v1/ledger/transactions/:txId` | qscc `GetBlockByTxID` | auditor |
 * | `POST /v1/ledger/verification` | every block, as `npm run audit verify-ledger` (reads only) | auditor |
 * | `POST /v1/ledger/verifications`, `GET …/:id` | the same walk, started and then followed: blocks checked of how many, then the report | auditor |
 * | `GET /v1/channel/config` | the config block in force; the history of config updates from calls/chainIndex.ts | auditor |
 * | `GET /v1/chaincodes` | the `_lifecycle` commit and approval transactions, from calls/chainIndex.ts | auditor |
 *
 * The chain index walks the chain once and then only the blocks added since its last read.
 */
import { blockHeaderHash, ChainVerifier, channelConfigOf, toHex, transactionsOf, verifyLedger, type LedgerBlock } from '@city-ledger/audit/ledger';
import { Role } from '@city-ledger/domain';
import { Type } from '@sinclair/typebox';
import { ledgerReader, type LedgerReader } from '../calls/ledgerReader';
import { MAX_RUNNING, verificationRuns } from '../calls/verificationRuns';
import { Problems } from '../errors';
import { defineRoute, type Resource } from '../http/route';
import { BlockDetail, BlockNumberParams, BlockPage, BlockPageQuery, ChaincodeDefinitions, ChannelConfig, LedgerVerification, TransactionDetail, TxIdParams, VerificationRun, VerificationRunParams } from '../schemas/ledger';

const TAGS = ['ledger'];
const AUDITORS = [Role.Auditor];
const DEFAULT_BLOCK_PAGE = 10;

interface CheckedBlock {
  readonly block: LedgerBlock;
  /** Its data hash matches its transactions and its previous hash is the block before's hash. */
  readonly sound: boolean;
}

/**
 * Blocks [first, top), oldest first, each checked by the audit's ChainVerifier: its data hash,
 * and its link to the block before, which is read too (the anchor, not checked itself) so the
 * first block of a page, or a single block, is held to its link like every other. The block
 * list and the single-block route both answer from this; signatures are `verification`'s.
 */
async function checkedBlocks(reader: LedgerReader, first: number, top: number): Promise<CheckedBlock[]> {
  const verifier = new ChainVerifier();
  if (first > 0) verifier.accept(await reader.block(first - 1));
  const checked: CheckedBlock[] = [];
  for (let number = first; number < top; number++) {
    const block = await reader.block(number);
    checked.push({ block, sound: verifier.problem(block) === undefined });
    // The next block links to this one as it is, sound or not: each block answers for itself, as it does alone.
    verifier.accept(block);
  }
  return checked;
}

function summary(block: LedgerBlock, sound: boolean) {
  const { header } = block;
  return {
    number: header.number,
    hash: toHex(blockHeaderHash(header)),
    previousHash: toHex(header.previousHash),
    dataHash: toHex(header.dataHash),
    transactions: block.data.length,
    sound,
  };
}

export const ledgerResource: Resource = {
  name: 'ledger',
  description: 'The regulator\'s ledger browser: blocks, transactions (never private values), the integrity audit, channel config and chaincode definitions',
  routes: [
    defineRoute({
      method: 'get',
      path: '/v1/ledger/blocks',
      operationId: 'listBlocks',
      tags: TAGS,
      summary: 'Blocks, newest first, with their hashes and whether the chain holds',
      query: BlockPageQuery,
      roles: AUDITORS,
      writes: false,
      response: { status: 200, description: 'A page of blocks', schema: BlockPage },
      handler: async (ctx) => {
        const reader = ledgerReader(ctx);
        const info = await reader.chainInfo();
        const top = Math.min(info.height, ctx.query.before === undefined ? info.height : Number(ctx.query.before));
        const first = Math.max(0, top - Number(ctx.query.pageSize ?? DEFAULT_BLOCK_PAGE));
        const checked = await checkedBlocks(reader, first, top);
        const chainHolds = checked.every((c) => c.sound);
        const blocks = checked.map(({ block, sound }) => summary(block, sound));
        return { status: 200, body: { height: info.height, currentBlockHash: info.currentBlockHash, blocks: blocks.reverse(), next: first > 0 ? String(first) : null, chainHolds } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/ledger/blocks/:number',
      operationId: 'getBlock',
      tags: TAGS,
      summary: 'One block and its transactions',
      params: BlockNumberParams,
      roles: AUDITORS,
      writes: false,
      response: { status: 200, description: 'The block', schema: BlockDetail },
      handler: async (ctx) => {
        const number = Number(ctx.params.number);
        const [{ block, sound }] = (await checkedBlocks(ledgerReader(ctx), number, number + 1)) as [CheckedBlock];
        return { status: 200, body: { ...summary(block, sound), transactionDetails: transactionsOf(block) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/ledger/transactions/:txId',
      operationId: 'getLedgerTransaction',
      tags: TAGS,
      summary: 'A transaction as its block holds it: creator, endorsers, validation code, chaincode and function, events, keys read and written',
      params: TxIdParams,
      roles: AUDITORS,
      writes: false,
      response: { status: 200, description: 'The transaction', schema: TransactionDetail },
      handler: async (ctx) => {
        const block = await ledgerReader(ctx).blockOfTransaction(ctx.params.txId);
        const tx = transactionsOf(block).find((t) => t.txId === ctx.params.txId);
        if (!tx) throw Problems.notFound(`block ${block.header.number} does not hold transaction ${ctx.params.txId}`);
        return { status: 200, body: tx };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/ledger/verification',
      operationId: 'verifyLedger',
      tags: TAGS,
      summary: 'The integrity audit: walks every block, checks the hash chain and the orderers\' signatures, names the first bad block',
      description: 'The same checks as `npm run audit verify-ledger`, on this gateway\'s peer. It reads only; it is a POST because it may take a while and is not cacheable.',
      body: Type.Object({}, { additionalProperties: false }),
      roles: AUDITORS,
      writes: false,
      response: { status: 200, description: 'The report; `ok` false names `firstBadBlock`', schema: LedgerVerification },
      handler: async (ctx) => {
        const report = await verifyLedger(ledgerReader(ctx).asPeer(`peer of ${ctx.mspId}`), []);
        return { status: 200, body: report };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v1/ledger/verifications',
      operationId: 'startLedgerVerification',
      tags: TAGS,
      summary: 'Starts the integrity audit and answers at once (201, the run); follow it at the Location',
      description:
        'The same walk as `POST /v1/ledger/verification` (the audit package\'s `verifyLedger`), run by the gateway while the caller reads its progress ' +
        '(blocks checked of how many) at `GET /v1/ledger/verifications/{id}`. Runs are kept in the gateway\'s memory, for the caller only; ' +
        `at most ${MAX_RUNNING} at once (429 \`RATE_LIMITED\`).`,
      body: Type.Object({}, { additionalProperties: false }),
      roles: AUDITORS,
      writes: false,
      // 201, not 202: 202 means a ledger write still pending here; this creates a run to read (no ledger write).
      response: { status: 201, description: 'The run, started', schema: VerificationRun },
      handler: async (ctx) => {
        const peer = ledgerReader(ctx).asPeer(`peer of ${ctx.mspId}`);
        const run = verificationRuns.start(ctx.principal.id, (progress) => verifyLedger(peer, [], {}, progress));
        return { status: 201, body: run, headers: { Location: `/v1/ledger/verifications/${run.id}` } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/ledger/verifications/:id',
      operationId: 'getLedgerVerification',
      tags: TAGS,
      summary: 'An integrity audit started by the caller: its progress, then its report (`firstBadBlock` names a bad block)',
      params: VerificationRunParams,
      roles: AUDITORS,
      writes: false,
      response: { status: 200, description: 'The run', schema: VerificationRun },
      handler: async (ctx) => ({ status: 200, body: verificationRuns.get(ctx.principal.id, ctx.params.id) }),
    }),
    defineRoute({
      method: 'get',
      path: '/v1/channel/config',
      operationId: 'getChannelConfig',
      tags: TAGS,
      summary: 'The channel configuration in force: orgs and their CA certificates\' expiry, consenters, batch settings, policies, and the history of config updates',
      description: 'The history is kept between requests: a request reads only the blocks added since the last one.',
      roles: AUDITORS,
      writes: false,
      response: { status: 200, description: 'The channel configuration', schema: ChannelConfig },
      handler: async (ctx) => {
        const reader = ledgerReader(ctx);
        return { status: 200, body: { ...channelConfigOf(await reader.configBlock()), history: await reader.configHistory() } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v1/chaincodes',
      operationId: 'listChaincodeDefinitions',
      tags: TAGS,
      summary: 'Chaincode definitions: version, sequence, endorsement policy, collections and each org\'s approval',
      description: 'Read from the `_lifecycle` transactions on the chain (its queries need the channel\'s Writers policy); kept between requests, so a request reads only the blocks added since the last one.',
      roles: AUDITORS,
      writes: false,
      response: { status: 200, description: 'The definitions committed on the channel', schema: ChaincodeDefinitions },
      handler: async (ctx) => ({ status: 200, body: await ledgerReader(ctx).chaincodes() }),
    }),
  ],
};
