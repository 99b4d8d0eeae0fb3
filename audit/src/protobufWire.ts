/**
 * Protobuf's wire format, read directly: varints and length-delimited bytes. The block file
 * format is built from them, and so are the few messages the audit decodes without
 * fabric-protos' classes: those google-protobuf registers in one global namespace, so when two
 * versions of fabric-protos load in one process (the gateway's and the SDK's), the last one
 * decides which fields a nested message has. Fields Fabric added in 3.0 (a signature's
 * `identifier_header`, the BFT `Orderers` value) are read here, whatever version loaded last.
 *
 * @example
 * ```ts
 * const fields = protoFields(metadataBytes);
 * bytesField(fields, 1);   // Metadata.value
 * bytesFields(fields, 2);  // Metadata.signatures, each a serialized MetadataSignature
 * ```
 */

/** A cursor over bytes; throws a plain Error with the problem, the caller adds the position. */
export class Cursor {
  constructor(
    readonly bytes: Uint8Array,
    public position: number,
    readonly end: number,
  ) {}

  varint(what: string): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.position >= this.end) throw new Error(`${what}: truncated varint`);
      const byte = this.bytes[this.position++] as number;
      value += (byte & 0x7f) * scale;
      if (value > Number.MAX_SAFE_INTEGER) throw new Error(`${what}: varint too large`);
      if ((byte & 0x80) === 0) return value;
      scale *= 128;
    }
    throw new Error(`${what}: varint longer than 10 bytes`);
  }

  rawBytes(what: string): { offset: number; bytes: Uint8Array } {
    const length = this.varint(`${what} length`);
    if (length > this.end - this.position) {
      throw new Error(`${what}: length ${length} runs past the end of the record`);
    }
    const offset = this.position;
    this.position += length;
    return { offset, bytes: this.bytes.subarray(offset, this.position) };
  }

  skip(count: number, what: string): void {
    if (count > this.end - this.position) throw new Error(`${what}: truncated`);
    this.position += count;
  }
}

/** A message's fields by number: varints as numbers, length-delimited fields as bytes, in order. */
export type ProtoFields = ReadonlyMap<number, readonly (number | Uint8Array)[]>;

/** Parses one message; throws on a malformed one (groups, a bad wire type, a truncated field). */
export function protoFields(bytes: Uint8Array): ProtoFields {
  const cursor = new Cursor(bytes, 0, bytes.length);
  const fields = new Map<number, (number | Uint8Array)[]>();
  while (cursor.position < cursor.end) {
    const key = cursor.varint('field key');
    const field = Math.floor(key / 8);
    const what = `field ${field}`;
    let value: number | Uint8Array | undefined;
    switch (key % 8) {
      case 0:
        value = cursor.varint(what);
        break;
      case 1:
        cursor.skip(8, what);
        break;
      case 2:
        value = cursor.rawBytes(what).bytes;
        break;
      case 5:
        cursor.skip(4, what);
        break;
      default:
        throw new Error(`${what}: unsupported wire type ${key % 8}`);
    }
    if (value !== undefined) fields.set(field, [...(fields.get(field) ?? []), value]);
  }
  return fields;
}

/** A bytes field (the last occurrence, as protobuf merges); empty when absent. */
export function bytesField(fields: ProtoFields, field: number): Uint8Array {
  const value = fields.get(field)?.at(-1);
  if (value === undefined) return new Uint8Array();
  if (typeof value === 'number') throw new Error(`field ${field} is a varint, bytes expected`);
  return value;
}

/** A repeated bytes field (repeated messages). */
export function bytesFields(fields: ProtoFields, field: number): Uint8Array[] {
  return (fields.get(field) ?? []).map((value) => {
    if (typeof value === 'number') throw new Error(`field ${field} is a varint, bytes expected`);
    return value;
  });
}

/** A varint field; 0 when absent. */
export function uintField(fields: ProtoFields, field: number): number {
  const value = fields.get(field)?.at(-1) ?? 0;
  if (typeof value !== 'number') throw new Error(`field ${field} is bytes, a varint expected`);
  return value;
}

/** A string field (UTF-8). */
export const stringField = (fields: ProtoFields, field: number): string => Buffer.from(bytesField(fields, field)).toString('utf8');
