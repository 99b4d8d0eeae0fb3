/**
 * Status lists, in the spirit of W3C Bitstring Status List: per issuing org, one list per
 * purpose (`revocation`, `suspension`), stored under the composite key
 * `statusList` + [issuerMsp, purpose]. Bit `i` of a list is the status of the issuer's
 * credential with `statusListIndex` `i` (1 = revoked / suspended).
 *
 * Indexes are drawn at random, as W3C recommends for herd privacy, and without any key that
 * two issuances share, so issuances of one issuer commit in the same block (a shared counter
 * let one per block commit; the rest failed MVCC_READ_CONFLICT). The draw is deterministic,
 * as every endorser must agree: sha256(txId, credentialId) mod the free range picks a start
 * slot, and the first of {@link MAX_PROBES} slots from there whose claim key
 * (`statusIndex` + [issuerMsp, index]) is absent is claimed. When all are taken the issuance
 * fails FAILED_PRECONDITION and writes nothing; a retry is a new transaction, so a new start.
 *
 * Ledgers from before: credentials issued under the old counter (`statusListCounter` +
 * [issuerMsp]) keep their indexes 0..nextIndex-1, which have no claim keys; the draw only
 * covers nextIndex..capacity-1. The counter is read, never written, so it is no conflict.
 *
 * A stored list grows only when a bit is set; {@link readStatusList} pads it with zero bytes
 * to {@link STATUS_LIST_CAPACITY} bits. The encoded list is base64url of the raw bytes: NOT
 * GZIP-compressed (see ./bitstring).
 *
 * Endorsement: every write of a list or claim key sets the key's key-level policy to the
 * issuer org's peer, so no other department can flip an issuer's bits or take its indexes.
 *
 * @example
 * ```ts
 * const index = await claimStatusIndex(ctx, writer.msp, credentialId);     // e.g. 90413
 * await writeStatusBits(ctx, writer.msp, index, { revocation: true, suspension: false });
 * ```
 */
import { exists, failedPrecondition, keyFor, requireKeyEndorsers, tryReadJson, txTimestamp, writeJson } from '@city-ledger/chaincode-common';
import { sha256Hex, STATUS_LIST_CAPACITY, STATUS_PURPOSES, type StatusList, type StatusPurpose } from '@city-ledger/domain';
import type { Context } from 'fabric-contract-api';
import { bytesForBits, decodeBase64Url, encodeBase64Url, getBit, padBytes, setBit } from './bitstring';

export { STATUS_PURPOSES, type StatusList, type StatusPurpose } from '@city-ledger/domain';

/** Slots tried from the drawn start before an issuance gives up (the list is nearly full). */
export const MAX_PROBES = 64;

interface StoredStatusList {
  issuer: string;
  purpose: StatusPurpose;
  encodedList: string;
  updatedAt: string;
}

/** The retired per-issuer counter: its indexes below `nextIndex` are taken. */
interface LegacyStatusCounter {
  issuer: string;
  nextIndex: number;
}

/** What a claim key holds: the credential that has the index. */
interface StatusIndexClaim {
  credentialId: string;
}

function listKey(ctx: Context, issuerMsp: string, purpose: StatusPurpose): string {
  return keyFor(ctx, 'statusList', issuerMsp, purpose);
}

function claimKey(ctx: Context, issuerMsp: string, index: number): string {
  return keyFor(ctx, 'statusIndex', issuerMsp, String(index));
}

async function readBits(ctx: Context, issuerMsp: string, purpose: StatusPurpose): Promise<StoredStatusList | undefined> {
  return tryReadJson<StoredStatusList>(ctx, listKey(ctx, issuerMsp, purpose));
}

/** First index the draw may hand out: past every index the retired counter handed out. */
async function firstFreeIndex(ctx: Context, issuerMsp: string): Promise<number> {
  const counter = await tryReadJson<LegacyStatusCounter>(ctx, keyFor(ctx, 'statusListCounter', issuerMsp));
  return counter?.nextIndex ?? 0;
}

/** The start slot's offset in a range of `span` slots: 48 bits of sha256(txId, credentialId) mod span. */
export function drawOffset(txId: string, credentialId: string, span: number): number {
  return Number.parseInt(sha256Hex(`${txId}\u0000${credentialId}`).slice(0, 12), 16) % span;
}

/**
 * Claims a free status-list index of the issuer for `credentialId` (writes its claim key) and
 * returns it. FAILED_PRECONDITION, and nothing written, when {@link MAX_PROBES} slots from the
 * drawn start are all taken.
 */
export async function claimStatusIndex(ctx: Context, issuerMsp: string, credentialId: string): Promise<number> {
  const first = await firstFreeIndex(ctx, issuerMsp);
  const span = STATUS_LIST_CAPACITY - first;
  const start = span > 0 ? drawOffset(ctx.stub.getTxID(), credentialId, span) : 0;
  for (let probe = 0; probe < Math.min(MAX_PROBES, span); probe += 1) {
    const index = first + ((start + probe) % span);
    const key = claimKey(ctx, issuerMsp, index);
    if (!(await exists(ctx, key))) {
      const claim: StatusIndexClaim = { credentialId };
      await writeJson(ctx, key, claim);
      await requireKeyEndorsers(ctx, key, [issuerMsp]);
      return index;
    }
  }
  throw failedPrecondition(
    `the status lists of ${issuerMsp} have no free index near the drawn one (capacity ${STATUS_LIST_CAPACITY}); retry the issuance`,
  );
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

/** The issuer's list for `purpose`, padded to {@link STATUS_LIST_CAPACITY} bits. */
export async function readStatusList(ctx: Context, issuerMsp: string, purpose: StatusPurpose): Promise<StatusList> {
  const stored = await readBits(ctx, issuerMsp, purpose);
  const bytes = padBytes(stored ? decodeBase64Url(stored.encodedList) : new Uint8Array(), bytesForBits(STATUS_LIST_CAPACITY));
  return {
    issuer: issuerMsp,
    purpose,
    encoding: 'base64url',
    length: bytes.length * 8,
    encodedList: encodeBase64Url(bytes),
    updatedAt: stored?.updatedAt ?? '',
  };
}
