/**
 * Each transaction's validation code, as the committing peer wrote it to the block's
 * `metadata[TRANSACTIONS_FILTER]` (one byte per envelope, fabric `peer.TxValidationCode`).
 * An invalid transaction (an MVCC conflict, a failed endorsement policy) is part of a sound
 * ledger: it is reported, never counted as an integrity failure.
 *
 * @example
 * ```ts
 * const tally = new TransactionTally();
 * tally.add(block);
 * tally.summary(); // { total: 41, valid: 40, invalid: [{ block: 9, index: 0, txId: '3f…', code: 'MVCC_READ_CONFLICT' }] }
 * ```
 */
import { common, peer } from '@hyperledger/fabric-protos';
import type { LedgerBlock } from './block';
import { channelHeaderOf } from './ordererConfig';

/** One transaction the peer marked invalid. */
export interface InvalidTransaction {
  readonly block: number;
  readonly index: number;
  readonly txId: string;
  readonly code: string;
}

export interface TransactionSummary {
  readonly total: number;
  readonly valid: number;
  readonly invalid: readonly InvalidTransaction[];
  /** Blocks without a validation flag for every transaction (never committed by a peer, e.g. an orderer's copy). */
  readonly unflagged: number;
}

const CODE_NAMES = new Map(Object.entries(peer.TxValidationCode).map(([name, code]) => [code, name]));

/** The name of a validation code (`VALID`, `MVCC_READ_CONFLICT`), or `code N` for one Fabric does not name. */
export function validationCodeName(code: number): string {
  return CODE_NAMES.get(code) ?? `code ${code}`;
}

export class TransactionTally {
  private total = 0;
  private valid = 0;
  private unflagged = 0;
  private readonly invalid: InvalidTransaction[] = [];

  /** Reads the block's validation flags. */
  add(block: LedgerBlock): void {
    const flags = block.metadata[common.BlockMetadataIndex.TRANSACTIONS_FILTER] ?? new Uint8Array();
    this.total += block.data.length;
    if (flags.length !== block.data.length) {
      this.unflagged++;
      return;
    }
    block.data.forEach((envelope, index) => {
      const code = flags[index] as number;
      if (code === peer.TxValidationCode.VALID) {
        this.valid++;
        return;
      }
      const txId = channelHeaderOf(envelope)?.getTxId() ?? '';
      this.invalid.push({ block: block.header.number, index, txId, code: validationCodeName(code) });
    });
  }

  summary(): TransactionSummary {
    return { total: this.total, valid: this.valid, invalid: [...this.invalid], unflagged: this.unflagged };
  }
}
