import { changesOf, ConfigGroupJson, ConfigUpdateJson } from './modPolicy';

/** Longest rendering of a value in the summary: an MSP's certificates are not for reading here. */
const MAX_VALUE = 240;

function valueAt(group: ConfigGroupJson | undefined, path: readonly string[], name: string): unknown {
  let g: ConfigGroupJson | undefined = group;
  for (const part of path) g = g?.groups?.[part];
  return g?.values?.[name]?.value;
}

function render(value: unknown): string {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}… (${text.length} characters)` : text;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where two values differ, down to the first field that is not a mapping in both: `acls.city/Probe: nothing -> {...}`. */
function differences(before: unknown, after: unknown, at = ''): string[] {
  if (!isRecord(before) || !isRecord(after)) return [`${at || 'value'}: ${render(before)} -> ${render(after)}`];
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .flatMap((key) => differences(before[key], after[key], at ? `${at}.${key}` : key));
}

/**
 * What a config update changes, for the admins who sign it: each added, changed or removed
 * group, value and policy, what changes in a value (fields before -> after, shortened), and the
 * policy that governs it.
 * Computed from the update's bytes (through configtxlator's JSON) each time it is shown, so
 * the summary a signer reads is the update they sign.
 *
 * @example
 * summarizeUpdate(config, update);
 * // ['changed value /Channel/Application/HealthMSP/values/AnchorPeers (needs /Channel/Application/HealthMSP/Admins): anchor_peers: nothing -> [...]']
 */
export function summarizeUpdate(config: ConfigGroupJson, update: ConfigUpdateJson): string[] {
  const lines: string[] = [];
  for (const change of changesOf(config, update)) {
    const needs = change.policy ? ` (needs ${change.policy})` : '';
    const [, , ...groups] = change.element.split('/');
    if (change.kind === 'group') {
      if (!change.policy) {
        lines.push(`added group ${change.element}`);
        continue;
      }
      let write: ConfigGroupJson | undefined = update.write_set;
      let now: ConfigGroupJson | undefined = config;
      for (const part of groups) {
        write = write?.groups?.[part];
        now = now?.groups?.[part];
      }
      const removed = Object.keys(now?.groups ?? {}).filter((g) => write?.groups?.[g] === undefined);
      lines.push(`changed group ${change.element}${needs}${removed.length ? `: removes ${removed.join(', ')}` : ''}`);
      continue;
    }
    const name = groups.pop() ?? '';
    groups.pop();
    const value = change.kind === 'value' ? `: ${differences(valueAt(config, groups, name), valueAt(update.write_set, groups, name)).join('; ')}` : '';
    lines.push(`${change.policy ? 'changed' : 'added'} ${change.kind} ${change.element}${needs}${value}`);
  }
  return lines;
}
