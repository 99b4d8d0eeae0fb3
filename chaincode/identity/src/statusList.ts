/**
 * Status lists, in the spirit of W3C Bitstring Status List: per issuing org, one list per
 * purpose (`revocation`, `suspension`), stored under the composite key
 * `statusList` + [issuerMsp, purpose]. Bit `i` of a list is the status of the issuer's
 * credential with `statusListIndex` `i` (1 = revoked / suspended). Indexes come from a
 * per-issuer counter (`statusListCounter` + [issuerMsp]), 0, 1, 2, ... in commit order.
 *
 * A stored list grows only when a bit is set; {@link readStatusList} pads it with zero bytes
 * so that it covers every allocated index. The encoded list is base64url of the raw bytes:
 * NOT GZIP-compressed (see ./bitstring).
 *
 * Endorsement: every write of a list or counter sets the key's key-level policy to the
 * issuer org's peer, so no other department can flip an issuer's bits or indexes.
 *
 * @example
 * ```ts
 * const index = await allocateStatusIndex(ctx, writer.msp);                 // 0, then 1, ...
 * await writeStatusBits(ctx, writer.msp, index, { revocation: true, suspension: false });
 * ```
 */
import { keyFor, requireKeyEndorsers, tryReadJson, txTimestamp, writeJson } from '@city-ledger/chaincode-common';
import { STATUS_PURPOSES, type StatusList, type StatusPurpose } from '@city-ledger/domain';
import type { Context } from 'fabric-contract-api';
import { bytesForBits, decodeBase64Url, encodeBase64Url, getBit, padBytes, setBit } from './bitstring';

export { STATUS_PURPOSES, type StatusList, type StatusPurpose } from '@city-ledger/domain';

interface StoredStatusList {
  issuer: string;
  purpose: StatusPurpose;
  encodedList: string;
  updatedAt: string;
}

interface StatusCounter {
  issuer: string;
  nextIndex: number;
}

function listKey(ctx: Context, issuerMsp: string, purpose: StatusPurpose): string {
  return keyFor(ctx, 'statusList', issuerMsp, purpose);
}

function counterKey(ctx: Context, issuerMsp: string): string {
  return keyFor(ctx, 'statusListCounter', issuerMsp);
}

async function readBits(ctx: Context, issuerMsp: string, purpose: StatusPurpose): Promise<StoredStatusList | undefined> {
  return tryReadJson<StoredStatusList>(ctx, listKey(ctx, issuerMsp, purpose));
}

/** Hands out the issuer's next status-list index (writes the counter). */
export async function allocateStatusIndex(ctx: Context, issuerMsp: string): Promise<number> {
  const counter = await tryReadJson<StatusCounter>(ctx, counterKey(ctx, issuerMsp));
  const index = counter?.nextIndex ?? 0;
  const key = counterKey(ctx, issuerMsp);
  await writeJson(ctx, key, { issuer: issuerMsp, nextIndex: index + 1 });
  await requireKeyEndorsers(ctx, key, [issuerMsp]);
  return index;
}

/** Sets bit `index` of each of the issuer's lists to `bits[purpose]`; writes only lists that change. */
export async function writeStatusBits(
  ctx: Context,
  issuerMsp: string,
  index: number,
  bits: Readonly<Record<StatusPurpose, boolean>>,
): Promise<void> {
  for (const purpose of STATUS_PURPOSES) {
    const stored = await readBits(ctx, issuerMsp, purpose);
    const bytes = stored ? decodeBase64Url(stored.encodedList) : new Uint8Array();
    if (getBit(bytes, index) !== bits[purpose]) {
      const list: StoredStatusList = {
        issuer: issuerMsp,
        purpose,
        encodedList: encodeBase64Url(setBit(bytes, index, bits[purpose])),
        updatedAt: txTimestamp(ctx),
      };
      const key = listKey(ctx, issuerMsp, purpose);
      await writeJson(ctx, key, list);
      await requireKeyEndorsers(ctx, key, [issuerMsp]);
    }
  }
}

/** The issuer's list for `purpose`, padded to cover every allocated index. */
export async function readStatusList(ctx: Context, issuerMsp: string, purpose: StatusPurpose): Promise<StatusList> {
  const stored = await readBits(ctx, issuerMsp, purpose);
  const counter = await tryReadJson<StatusCounter>(ctx, counterKey(ctx, issuerMsp));
  const allocated = counter?.nextIndex ?? 0;
  const bytes = padBytes(stored ? decodeBase64Url(stored.encodedList) : new Uint8Array(), bytesForBits(allocated));
  return {
    issuer: issuerMsp,
    purpose,
    encoding: 'base64url',
    length: bytes.length * 8,
    allocated,
    encodedList: encodeBase64Url(bytes),
    updatedAt: stored?.updatedAt ?? '',
  };
}
