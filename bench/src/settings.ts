/**
 * What the benchmarks share: a positive whole-number setting from the environment, and the run's
 * suffix for the IDs they write (the ledger is shared across runs).
 *
 * @example
 * ```ts
 * const READS = positive('BENCH_READS', 400);   // throws on BENCH_READS=0 or =abc
 * const id = `BENCH-${run}-R`;
 * ```
 */
import { randomBytes } from 'node:crypto';

/** `process.env[name]` as a positive integer, or `fallback` when unset. */
export function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

/** This run's suffix for IDs. */
export const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
