/**
 * Deterministic JSON. Every endorser must write byte-identical values, so object keys are
 * sorted recursively and `undefined` properties are dropped.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: { d: undefined, c: [2, 1] } });   // '{"a":{"c":[2,1]},"b":1}'
 * await ctx.stub.putState(key, toBytes(parcel));
 * const parcel = fromBytes<Parcel>(await ctx.stub.getState(key));
 * ```
 */

/** Serializes `value` with keys sorted (UTF-16 order, as RFC 8785) and without undefined properties. */
export function canonicalJson(value: unknown): string {
  const text = stringify(value);
  if (text === undefined) {
    throw new TypeError('canonicalJson: value is not serializable');
  }
  return text;
}

/** UTF-8 bytes of {@link canonicalJson}. */
export function toBytes(value: unknown): Uint8Array {
  return Buffer.from(canonicalJson(value), 'utf8');
}

/** Parses UTF-8 JSON bytes (as read from the ledger). */
export function fromBytes<T>(bytes: Uint8Array): T {
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
}

function stringify(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(): unknown }).toJSON();
  }
  switch (typeof value) {
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new TypeError('canonicalJson: bigint is not JSON');
    case 'number':
      // NaN and Infinity would silently become null; refuse them instead.
      if (!Number.isFinite(value)) {
        throw new TypeError(`canonicalJson: ${value} is not JSON`);
      }
      return JSON.stringify(value);
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
  }
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => stringify(item) ?? 'null').join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const text = stringify(record[key]);
    if (text !== undefined) {
      members.push(`${JSON.stringify(key)}:${text}`);
    }
  }
  return `{${members.join(',')}}`;
}
