/**
 * What the regulator's reads learn by walking the whole chain (chaincode definitions from the
 * `_lifecycle` transactions, the config blocks), kept between requests: a request at the same
 * height and tip hash answers from memory; a new height reads only the new blocks (a new config
 * block or lifecycle transaction lands in them). The chain only grows, so that is the whole
 * invalidation; a tip that no longer links to what was read (a different chain behind the same
 * gateway) drops everything and walks again.
 *
 * One index per ledger client and channel. Only the auditor routes read it, as the same qscc
 * reads would answer any of them.
 *
 * @example
 * ```ts
 * const index = chainIndexOf(ledger, 'city');
 * await index.upToDate(reader);   // walks blocks [indexed height, tip]
 * index.definitions();            // [{ name: 'records', sequence: 1, approvals: { … } }, …]
 * ```
 */
import { blockHeaderHash, channelHeaderOf, DefinitionHistory, equalBytes, invocationsOf, toHex, type ChaincodeDefinition, type ChainInfo, type LedgerBlock } from '@city-ledger/audit/ledger';
import { common } from '@hyperledger/fabric-protos';
import type { LedgerClient } from '../fabric/ledgerClient';

export interface ConfigUpdate {
  readonly block: number;
  readonly timestamp: string | null;
}

/** The reads the index needs (ledgerReader's). */
export interface ChainSource {
  chainInfo(): Promise<ChainInfo>;
  block(number: number): Promise<LedgerBlock>;
}

function configUpdateOf({ header, data }: LedgerBlock): ConfigUpdate | undefined {
  const channelHeader = data.length === 1 && data[0] ? channelHeaderOf(data[0]) : undefined;
  if (channelHeader?.getType() !== common.HeaderType.CONFIG) return undefined;
  const time = channelHeader.getTimestamp();
  return { block: header.number, timestamp: time ? new Date(time.getSeconds() * 1000).toISOString() : null };
}

export class ChainIndex {
  private height = 0;
  private lastHash: Uint8Array = new Uint8Array();
  private history = new DefinitionHistory();
  private configs: ConfigUpdate[] = [];
  /** Block reads since the index was made: how tests (and curious operators) see it cache. */
  blocksRead = 0;
  private queue: Promise<void> = Promise.resolve();

  /** Reads the blocks added since the last call; one walk at a time. */
  upToDate(source: ChainSource): Promise<void> {
    const next = this.queue.then(() => this.catchUp(source));
    this.queue = next.catch(() => undefined);
    return next;
  }

  definitions(): ChaincodeDefinition[] {
    return this.history.definitions();
  }

  configHistory(): ConfigUpdate[] {
    return [...this.configs];
  }

  private async catchUp(source: ChainSource): Promise<void> {
    const info = await source.chainInfo();
    if (info.height < this.height || (info.height === this.height && info.currentBlockHash !== toHex(this.lastHash))) this.reset();
    const resumeFrom = this.height;
    for (let number = resumeFrom; number < info.height; number++) {
      const block = await source.block(number);
      this.blocksRead += 1;
      if (number === resumeFrom && number > 0 && !equalBytes(block.header.previousHash, this.lastHash)) {
        // What was read before is not this chain's past: start over (from 0, so once).
        this.reset();
        return this.catchUp(source);
      }
      this.history.add(invocationsOf(block));
      const update = configUpdateOf(block);
      if (update) this.configs.push(update);
      this.height = number + 1;
      this.lastHash = blockHeaderHash(block.header);
    }
  }

  private reset(): void {
    this.height = 0;
    this.lastHash = new Uint8Array();
    this.history = new DefinitionHistory();
    this.configs = [];
  }
}

const indexes = new WeakMap<LedgerClient, Map<string, ChainIndex>>();

/** The index of `channel` as read through `ledger`, made on first use. */
export function chainIndexOf(ledger: LedgerClient, channel: string): ChainIndex {
  const byChannel = indexes.get(ledger) ?? new Map<string, ChainIndex>();
  indexes.set(ledger, byChannel);
  const index = byChannel.get(channel) ?? new ChainIndex();
  byChannel.set(channel, index);
  return index;
}
