/**
 * The few Fabric protobuf messages a config update needs, encoded by hand: all their fields are
 * bytes, strings or one enum, so a length-delimited field and a varint are the whole format.
 * Field numbers are those of fabric-protos (common/common.proto, common/configtx.proto,
 * msp/identities.proto).
 *
 * @example
 * const header = signatureHeader(serializedIdentity('RegistryMSP', certPem), nonce);
 */

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  while (v > 0x7f) {
    bytes.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  bytes.push(v);
  return Buffer.from(bytes);
}

/** A length-delimited field (bytes, string or embedded message). */
function field(number: number, value: Buffer | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  return Buffer.concat([varint((number << 3) | 2), varint(bytes.length), bytes]);
}

/** msp.SerializedIdentity: who signs (MSP ID and PEM certificate). */
export function serializedIdentity(mspId: string, certPem: string): Buffer {
  return Buffer.concat([field(1, mspId), field(2, certPem)]);
}

/** common.SignatureHeader: the creator and a nonce. */
export function signatureHeader(creator: Buffer, nonce: Buffer): Buffer {
  return Buffer.concat([field(1, creator), field(2, nonce)]);
}

/** One signature of a config update (common.ConfigSignature). */
export interface ConfigSignatureBytes {
  readonly signatureHeader: Buffer;
  readonly signature: Buffer;
}

/** common.Envelope of type CONFIG_UPDATE (2) carrying the update and its signatures, unsigned itself. */
export function configUpdateEnvelope(channel: string, configUpdate: Buffer, signatures: readonly ConfigSignatureBytes[]): Buffer {
  const channelHeader = Buffer.concat([varint((1 << 3) | 0), varint(2), field(4, channel)]);
  const header = field(1, channelHeader);
  const data = Buffer.concat([field(1, configUpdate), ...signatures.map((s) => field(2, Buffer.concat([field(1, s.signatureHeader), field(2, s.signature)])))]);
  return field(1, Buffer.concat([field(1, header), field(2, data)]));
}
