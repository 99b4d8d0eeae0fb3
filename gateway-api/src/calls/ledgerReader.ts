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
  fromProtoBlock,
  lastConfigIndex,
  toHex,
  type ChaincodeDefinition,
  type ChainInfo,
  type LedgerBlock,
  type LedgerPeer,
} from '@city-ledger/audit/ledger';
import { Problems } from '../errors';
import { chainIndexOf, type ConfigUpdate } from './chainIndex';
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
  /** From the chain's `_lifecycle` transactions; walks only the blocks added since the last call (calls/chainIndex.ts). */
  chaincodes(): Promise<ChaincodeDefinition[]>;
  /** The config blocks (genesis and every update), oldest first; as {@link chaincodes}, only new blocks are read. */
  configHistory(): Promise<ConfigUpdate[]>;
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
      const index = chainIndexOf(ledger, channel);
      await index.upToDate({ chainInfo, block });
      return index.definitions();
    },
    async configHistory() {
      const index = chainIndexOf(ledger, channel);
      await index.upToDate({ chainInfo, block });
      return index.configHistory();
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
