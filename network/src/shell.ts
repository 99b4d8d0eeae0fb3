/**
 * Bash text that is safe to `source` or `eval`, whatever the values hold: how the
 * network CLI hands values to the scripts instead of positional rows.
 *
 * @example
 * shellQuote("it's"); // 'it'\''s'
 * declareMap('ORG_MSP', { registry: 'RegistryMSP' }); // declare -gA ORG_MSP=([registry]='RegistryMSP')
 * envFileLines({ CORE_PEER_ID: 'peer0.registry.city.local' }); // ["CORE_PEER_ID='peer0.registry.city.local'"]
 */

/** One word for Bash: single-quoted, with embedded single quotes closed, escaped and reopened. */
export function shellQuote(value: string | number): string {
  return `'${String(value).replace(/'/g, `'\\''`)}'`;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkName(name: string): string {
  if (!NAME.test(name)) throw new Error(`not a shell variable name: ${JSON.stringify(name)}`);
  return name;
}

/** A global scalar, so that it survives being eval'd inside a function. */
export function declareScalar(name: string, value: string | number): string {
  return `declare -g ${checkName(name)}=${shellQuote(value)}`;
}

/** A global indexed array. */
export function declareArray(name: string, values: readonly (string | number)[]): string {
  return `declare -ga ${checkName(name)}=(${values.map(shellQuote).join(' ')})`;
}

/** A global associative array. */
export function declareMap(name: string, entries: Readonly<Record<string, string | number>>): string {
  const cells = Object.entries(entries).map(([k, v]) => `[${shellQuote(k)}]=${shellQuote(v)}`);
  return `declare -gA ${checkName(name)}=(${cells.join(' ')})`;
}

/**
 * `NAME='value'` lines that Bash (`set -a; source`) and systemd's EnvironmentFile= read alike.
 * systemd knows no `export` and no `'\''`, so a value with a single quote or a newline is refused.
 */
export function envFileLines(env: Readonly<Record<string, string | number>>): string[] {
  return Object.entries(env).map(([k, v]) => {
    if (/['\n]/.test(String(v))) throw new Error(`${k}: a value with a single quote or a newline cannot go into an env file: ${JSON.stringify(v)}`);
    return `${checkName(k)}='${v}'`;
  });
}
