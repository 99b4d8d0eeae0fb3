/**
 * A block as the audit checks see it, whatever it was read from: a peer (protobuf
 * `common.Block` over qscc or the deliver service) or a peer's block file.
 *
 * @example
 * ```ts
 * const block = fromProtoBlock(common.Block.deserializeBinary(bytes));
 * block.header.number; // 7
 * ```
 */
import { common } from '@hyperledger/fabric-protos';

/** The fields the header hash covers (fabric-protos `common.BlockHeader`). */
export interface BlockHeaderFields {
  readonly number: number;
  readonly previousHash: Uint8Array;
  readonly dataHash: Uint8Array;
}

/** Header, transaction envelopes and metadata entries of one block. */
export interface LedgerBlock {
  readonly header: BlockHeaderFields;
  /** Serialized envelopes, in order (`BlockData.data`). */
  readonly data: readonly Uint8Array[];
  /** Metadata entries by `common.BlockMetadataIndex`; outside the header hash. */
  readonly metadata: readonly Uint8Array[];
}

/** Reads a protobuf block; a block without a header is malformed. */
export function fromProtoBlock(block: common.Block): LedgerBlock {
  const header = block.getHeader();
  if (!header) throw new Error('block has no header');
  return {
    header: { number: header.getNumber(), previousHash: header.getPreviousHash_asU8(), dataHash: header.getDataHash_asU8() },
    data: block.getData()?.getDataList_asU8() ?? [],
    metadata: block.getMetadata()?.getMetadataList_asU8() ?? [],
  };
}
