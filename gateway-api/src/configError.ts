/**
 * A configuration problem found at start-up, thrown by config.ts and by the modules that read a
 * configured file (API keys, JWT subjects and keys). main.ts prints it and exits.
 *
 * @example
 * ```ts
 * throw new ConfigError('CITY_GATEWAY_PORT', 'must be a port number from 1 to 65535, got "x"');
 * // message: CITY_GATEWAY_PORT: must be a port number from 1 to 65535, got "x"
 * ```
 */

/** A configuration problem; the message names the variable (or file) and what is wrong. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}
