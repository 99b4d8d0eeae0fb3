/**
 * `check-reading`: checks a telemetry reading's inclusion proof (as the collector's
 * `GET /v1/telemetry/readings/:deviceId/:seq/proof` answers it) against the batch anchored on
 * the ledger and the device's registered key, with the domain's `checkReadingProof`, the check
 * the gateway's `POST /v1/telemetry/proof-checks` runs too. The batch and the device are read
 * from the audited peer; nothing of the collector is trusted.
 *
 * @example
 * ```ts
 * const check = await checkReading(session, await readFile('proof.json'));
 * check.result;   // 'MATCH' | 'MISMATCH', with the failed part in check.checks
 * ```
 */
import { checkReadingProof, ReadingProof, validate, type Device, type ReadingProofCheck, type TelemetryBatch } from '@city-ledger/domain';
import { asInvalidArgument, parseJsonObject } from './json';
import type { ChaincodeReader } from './peerSession';

/** Checks the presented proof (JSON bytes; an `anchor` member is ignored) against the ledger. */
export async function checkReading(reader: ChaincodeReader, presented: Uint8Array): Promise<ReadingProofCheck> {
  const { anchor, ...rest } = parseJsonObject(presented, 'the proof');
  void anchor;
  const proof = asInvalidArgument(() => validate(ReadingProof, rest, 'proof'));
  const batch = parseJsonObject(await reader.evaluate('devices', 'telemetry:getBatch', [proof.batchId]), 'the anchored batch') as unknown as TelemetryBatch;
  const device = parseJsonObject(await reader.evaluate('devices', 'devices:getDevice', [proof.signedReading.reading.deviceId]), 'the device') as unknown as Device;
  return checkReadingProof(proof, batch, device);
}
