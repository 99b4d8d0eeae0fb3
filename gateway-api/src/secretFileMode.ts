/**
 * Private keys and secrets must be readable by their owner only: a key file that group or others
 * may read is refused, wherever the gateway loads one (identities, its TLS key, the JWT secret).
 *
 * @example
 * ```ts
 * const wide = modeTooOpen(statSync(keyFile).mode);   // '0644', or undefined when 0600 or tighter
 * if (wide) throw new Error(`${keyFile} has mode ${wide}`);
 * ```
 */
export function modeTooOpen(mode: number): string | undefined {
  const permissions = mode & 0o777;
  return (permissions & 0o077) === 0 ? undefined : permissions.toString(8).padStart(4, '0');
}
