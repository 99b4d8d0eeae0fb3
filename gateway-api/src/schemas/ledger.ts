/**
 * Schemas of the ledger routes (routes/ledger.ts): blocks, transactions as far as they are
 * public, the integrity audit's report, the channel config and chaincode definitions. Their
 * shapes are the audit package's (TransactionDetail, ChannelConfig, ChaincodeDefinition).
 */
import { Type } from '@sinclair/typebox';

const Hex = Type.String({ pattern: '^[0-9a-f]*$' });
const Key = Type.Object({ namespace: Type.String(), key: Type.String() });

export const BlockNumberParams = Type.Object({ number: Type.String({ pattern: '^(0|[1-9][0-9]{0,15})$', description: 'Block number' }) }, { additionalProperties: false });
export const TxIdParams = Type.Object({ txId: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'Fabric transaction ID (64 hex digits)' }) }, { additionalProperties: false });

export const BlockPageQuery = Type.Object(
  {
    before: Type.Optional(Type.String({ pattern: '^(0|[1-9][0-9]{0,15})$', description: 'List blocks below this number (default: from the tip)' })),
    pageSize: Type.Optional(Type.String({ pattern: '^(50|[1-4][0-9]|[1-9])$', description: 'Blocks per page, 1-50 (default 10)' })),
  },
  { additionalProperties: false },
);

export const BlockSummary = Type.Object({
  number: Type.Integer({ minimum: 0 }),
  hash: Hex,
  previousHash: Hex,
  dataHash: Hex,
  transactions: Type.Integer({ minimum: 0 }),
  /** Whether the block's data hash matches its transactions and its link to the next block (on this page) holds. */
  sound: Type.Boolean({ description: 'Its data hash matches its transactions, and the next block on the page names its hash' }),
});

export const BlockPage = Type.Object({
  height: Type.Integer({ minimum: 0 }),
  currentBlockHash: Hex,
  blocks: Type.Array(BlockSummary, { description: 'Newest first' }),
  next: Type.Union([Type.String(), Type.Null()], { description: 'The `before` of the next (older) page, or null' }),
  chainHolds: Type.Boolean({ description: 'Every block on the page is sound and linked to its successor' }),
});

export const TransactionDetail = Type.Object({
  block: Type.Integer({ minimum: 0 }),
  index: Type.Integer({ minimum: 0 }),
  txId: Type.String(),
  type: Type.String(),
  timestamp: Type.Union([Type.String(), Type.Null()]),
  validationCode: Type.String(),
  creator: Type.Object({ mspId: Type.String(), role: Type.Union([Type.String(), Type.Null()]) }),
  endorsers: Type.Array(Type.String()),
  chaincode: Type.Union([Type.String(), Type.Null()]),
  function: Type.Union([Type.String(), Type.Null()]),
  events: Type.Array(Type.String()),
  reads: Type.Array(Key),
  writes: Type.Array(Key),
  collections: Type.Array(Type.String(), { description: 'Private collections written: names only, never keys or values' }),
});

export const BlockDetail = Type.Intersect([BlockSummary, Type.Object({ transactionDetails: Type.Array(TransactionDetail) })]);

export const LedgerVerification = Type.Object(
  {
    ok: Type.Boolean(),
    source: Type.String(),
    blocksChecked: Type.Integer(),
    height: Type.Union([Type.Integer(), Type.Null()]),
    currentBlockHash: Type.Union([Type.String(), Type.Null()]),
    peerHeight: Type.Integer(),
    chainInfoMatches: Type.Optional(Type.Boolean()),
    firstBadBlock: Type.Optional(Type.Object({ block: Type.Union([Type.Integer(), Type.Null()]), check: Type.String(), detail: Type.String() }, { additionalProperties: true })),
  },
  { additionalProperties: true, description: 'The audit package\'s ledger report (npm run audit verify-ledger)' },
);

export const VerificationRunParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f-]{36}$', description: 'The run\'s ID (a UUID)' }) }, { additionalProperties: false });

/** An integrity audit in progress (calls/verificationRuns.ts), then its report. */
export const VerificationRun = Type.Object(
  {
    id: Type.String(),
    state: Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
    blocksChecked: Type.Integer({ description: 'Blocks that have passed so far' }),
    blocksToCheck: Type.Integer({ description: 'Blocks the walk covers (the peer\'s height when it began); 0 until it is known' }),
    report: Type.Optional(LedgerVerification),
    problem: Type.Optional(Type.Object({ code: Type.String(), detail: Type.Optional(Type.String()) }, { additionalProperties: true, description: 'Why the walk could not finish' })),
  },
  { additionalProperties: false },
);

/** GET /v1/network/certificates (routes/certificates.ts). */
export const NetworkCertificates = Type.Object(
  {
    certificates: Type.Array(
      Type.Object({
        holder: Type.String({ description: 'The org (MSP ID) or node (endpoint, host name) it belongs to' }),
        role: Type.String({ description: 'MSP root CA, TLS root CA, consenter TLS (server), peer TLS (server), …' }),
        subject: Type.String(),
        notBefore: Type.String(),
        notAfter: Type.String({ description: 'RFC 3339; the list is sorted by it, soonest first' }),
        source: Type.String({ description: 'channel config, block N; or TLS handshake with host:port' }),
      }),
    ),
    unread: Type.Array(Type.Object({ holder: Type.String(), error: Type.String() }), { description: 'Peers whose TLS handshake failed' }),
  },
  { additionalProperties: false },
);

export const ChannelConfig = Type.Object(
  {
    block: Type.Integer(),
    applicationOrgs: Type.Array(Type.Object({ mspId: Type.String(), certificates: Type.Array(Type.Object({ subject: Type.String(), notAfter: Type.String() })) })),
    ordererOrgs: Type.Array(Type.Object({ mspId: Type.String(), certificates: Type.Array(Type.Object({ subject: Type.String(), notAfter: Type.String() })) })),
    consensusType: Type.String(),
    consenters: Type.Array(Type.String()),
    batch: Type.Object({ timeout: Type.String(), maxMessageCount: Type.Integer(), absoluteMaxBytes: Type.Integer(), preferredMaxBytes: Type.Integer() }),
    policies: Type.Array(Type.Object({ path: Type.String(), type: Type.String(), rule: Type.String() })),
    history: Type.Array(Type.Object({ block: Type.Integer(), timestamp: Type.Union([Type.String(), Type.Null()]) }), { description: 'Config blocks, oldest first: the genesis block and every update' }),
  },
);

export const ChaincodeDefinitions = Type.Array(
  Type.Object({
    name: Type.String(),
    version: Type.String(),
    sequence: Type.Integer(),
    endorsementPolicy: Type.String(),
    collections: Type.Array(Type.Object({ name: Type.String(), requiredPeerCount: Type.Integer(), memberOnlyRead: Type.Boolean() })),
    approvals: Type.Record(Type.String(), Type.Boolean(), { description: 'Orgs whose approval of this sequence is on the ledger' }),
    committedIn: Type.Integer({ description: 'The block that committed the definition' }),
  }),
);
