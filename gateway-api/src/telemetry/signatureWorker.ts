/**
 * A worker thread of {@link SignaturePool}: verifies device signatures, one batch per message
 * `{ id, items: [publicKeyPem, signedText, signatureBase64][] }`, answering `{ id, verdicts }`.
 * Plain strings go in, so that handing a batch over costs little.
 */
import { parentPort } from 'node:worker_threads';
import { verifyDeviceSignature } from '@city-ledger/domain';

parentPort?.on('message', ({ id, items }: { id: number; items: [string, string, string][] }) => {
  parentPort?.postMessage({ id, verdicts: items.map(([pem, data, signature]) => verifyDeviceSignature(pem, data, signature)) });
});
