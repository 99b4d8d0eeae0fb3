/**
 * The whole text of a Fabric Gateway error: its message plus every peer's
 * detail, where the chaincode's `CODE: message` ends up.
 */
export function errorText(err: unknown): string {
  const e = err as { message?: string; details?: { message?: string }[] };
  return [e.message ?? String(err), ...(e.details ?? []).map((d) => d.message ?? '')].join('\n');
}

/** Awaits a promise that must fail, and returns the error's whole text. */
export async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return errorText(err);
  }
  throw new Error('expected the call to fail, but it succeeded');
}
