/**
 * The ledger itself, read through `qscc` as the caller: blocks and chain info, the channel
 * config (the config block in force) and chaincode definitions (the `_lifecycle` transactions
 * on the chain: its queries need the Writers policy, which a regulator does not satisfy). Decoding and chain verification are the audit package's, so the ledger
 * browser and `npm run audit` agree on every block.
 *
 * @example
 * ```ts
 * const reader = ledgerReader(ctx);            // a route's context: ledger, principal, channel
 * const { height } = await reader.chainInfo();
 * const block = await reader.block(height - 1);
 * const report = await verifyLedger(reader.asPeer('peer0 of AuditorMSP'), []);
 * ```
 */
import { common } from '@hyperledger/fabric-protos';
import {
  channelHeaderOf,
  DefinitionHistory,
  fromProtoBlock,
  invocationsOf,
  lastConfigIndex,
  toHex,
  type ChaincodeDefinition,
  type ChainInfo,
  type LedgerBlock,
  type LedgerPeer,
} from '@city-ledger/audit/ledger';
import { Problems } from '../errors';
import { LedgerError } from '../fabric/ledgerError';
import type { RouteContext } from '../http/route';

export interface LedgerReader {
  chainInfo(): Promise<ChainInfo>;
  /** Block `number`; 404 `NOT_FOUND` past the height. */
  block(number: number): Promise<LedgerBlock>;
  /** The block holding transaction `txId`; 404 `NOT_FOUND` when no block does. */
  blockOfTransaction(txId: string): Promise<LedgerBlock>;
  /** The config block in force at the tip. */
  configBlock(): Promise<LedgerBlock>;
  /** Walks the whole chain: a regulator's occasional read, not a hot path. */
  chaincodes(): Promise<ChaincodeDefinition[]>;
  /** The config blocks (genesis and every update), oldest first; walks the whole chain. */
  configHistory(): Promise<{ block: number; timestamp: string | null }[]>;
  /** The same reads as the audit's LedgerPeer, so verifyLedger walks the chain through the gateway. */
  asPeer(label: string): LedgerPeer;
}

type Caller = Pick<RouteContext<unknown, unknown, unknown>, 'ledger' | 'principal' | 'channel'>;

export function ledgerReader({ ledger, principal, channel }: Caller): LedgerReader {
  const qscc = (fn: string, args: readonly string[]) => ledger.evaluate(principal, 'qscc', '', fn, [channel, ...args]);
  const chainInfo = async (): Promise<ChainInfo> => {
    const info = common.BlockchainInfo.deserializeBinary(await qscc('GetChainInfo', []));
    return { height: info.getHeight(), currentBlockHash: toHex(info.getCurrentblockhash_asU8()) };
  };
  const block = async (number: number): Promise<LedgerBlock> => {
    const { height } = await chainInfo();
    if (number >= height) throw Problems.notFound(`block ${number} does not exist: the ledger's height is ${height}`);
    return fromProtoBlock(common.Block.deserializeBinary(await qscc('GetBlockByNumber', [String(number)])));
  };
  const reader: LedgerReader = {
    chainInfo,
    block,
    async blockOfTransaction(txId) {
      try {
        return fromProtoBlock(common.Block.deserializeBinary(await qscc('GetBlockByTxID', [txId])));
      } catch (err) {
        if (err instanceof LedgerError && err.phase === 'evaluate') throw Problems.notFound(`no block holds transaction ${txId}`);
        throw err;
      }
    },
    async configBlock() {
      const { height } = await chainInfo();
      const tip = await block(height - 1);
      return block(lastConfigIndex(tip) ?? 0);
    },
    async chaincodes() {
      const { height } = await chainInfo();
      const history = new DefinitionHistory();
      for (let number = 0; number < height; number++) history.add(invocationsOf(await block(number)));
      return history.definitions();
    },
    async configHistory() {
      const { height } = await chainInfo();
      const history = [];
      for (let number = 0; number < height; number++) {
        const { data } = await block(number);
        const header = data.length === 1 && data[0] ? channelHeaderOf(data[0]) : undefined;
        if (header?.getType() !== common.HeaderType.CONFIG) continue;
        const time = header.getTimestamp();
        history.push({ block: number, timestamp: time ? new Date(time.getSeconds() * 1000).toISOString() : null });
      }
      return history;
    },
    asPeer(label) {
      return {
        label,
        chainInfo,
        async *blocks(from, to) {
          for (let number = from; number <= to; number++) yield await block(number);
        },
      };
    },
  };
  return reader;
}
