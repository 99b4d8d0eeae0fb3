#!/usr/bin/env node
/**
 * `npm run import -- --org registry --user clerk1 --kind parcels FILE`: loads a register (CSV or
 * JSON Lines) through the org's HTTPS gateway in batch transactions. Prints progress to stderr
 * (a bar on a terminal), then the refused lines and a summary to stdout. Run it again after an
 * interruption: it resumes from its checkpoint without writing any record twice.
 *
 * Exit status: 0 every record imported, 3 the import finished with refused lines (see the
 * report), 2 the import could not run or stopped (`CODE: message`, never a stack trace).
 *
 * @example
 * ```sh
 * npm run import -- --org registry --user clerk1 --kind parcels parcels.csv --concurrency 4
 * ```
 */
import { MAX_BATCH_RECORDS } from '@city-ledger/domain';
import { parseArgs } from 'node:util';
import { gatewayTarget, networkFolders } from './environment';
import { ImportError } from './errors';
import { DEFAULT_CONCURRENCY, importFile } from './importFile';
import { IMPORT_KINDS, isImportKind } from './kinds';
import { progressFor } from './progress';
import { describeRefused } from './report';
import type { SourceFormat } from './source';

const USAGE = `usage: import --org ORG --user USER --kind ${Object.keys(IMPORT_KINDS).join('|')} [--format csv|jsonl] [--batch-size N] [--concurrency N]
              [--checkpoint FILE] [--gateway URL] [--cacert FILE] FILE
  The API key is the user's from <runtime>/gateway/<org>/keys/, or CITY_LEDGER_API_KEY.`;

/** Refused lines printed on the terminal; the report file has them all. */
const SHOWN_REFUSALS = 50;

function whole(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1) throw new ImportError('USAGE', `--${name} must be a positive whole number, got ${JSON.stringify(raw)}`);
  return value;
}

export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        org: { type: 'string' },
        user: { type: 'string' },
        kind: { type: 'string' },
        format: { type: 'string' },
        'batch-size': { type: 'string' },
        concurrency: { type: 'string' },
        checkpoint: { type: 'string' },
        gateway: { type: 'string' },
        cacert: { type: 'string' },
      },
    });
  } catch (err) {
    throw new ImportError('USAGE', `${(err as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (!values.org || !values.user || !values.kind || positionals.length !== 1) throw new ImportError('USAGE', USAGE);
  if (!isImportKind(values.kind)) throw new ImportError('USAGE', `--kind must be one of: ${Object.keys(IMPORT_KINDS).join(', ')}`);
  if (values.format !== undefined && values.format !== 'csv' && values.format !== 'jsonl') throw new ImportError('USAGE', '--format must be csv or jsonl');
  const file = positionals[0] as string;
  const result = await importFile({
    file,
    kind: values.kind,
    runtimeDir: networkFolders().runtime,
    target: gatewayTarget({ org: values.org, user: values.user, ...(values.gateway ? { gateway: values.gateway } : {}), ...(values.cacert ? { cacert: values.cacert } : {}) }),
    progress: progressFor(process.stderr),
    ...(values.format ? { format: values.format as SourceFormat } : {}),
    batchSize: whole(values['batch-size'], 'batch-size', MAX_BATCH_RECORDS),
    concurrency: whole(values.concurrency, 'concurrency', DEFAULT_CONCURRENCY),
    ...(values.checkpoint ? { checkpointFile: values.checkpoint } : {}),
  });
  for (const refused of result.refused.slice(0, SHOWN_REFUSALS)) console.log(describeRefused(refused));
  if (result.refused.length > SHOWN_REFUSALS) console.log(`... and ${result.refused.length - SHOWN_REFUSALS} more in the report`);
  const seconds = result.elapsedMs / 1000;
  console.log(
    `imported ${result.imported} of ${result.total} records of ${file}; ${result.refused.length} lines refused ` +
      `(report ${result.reportFile}); ${result.sent} batches sent in ${seconds.toFixed(1)} s`,
  );
  return result.refused.length > 0 ? 3 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (status) => process.exit(status),
    (err: unknown) => {
      console.error(err instanceof ImportError ? `import: ${err.message}` : `import: INTERNAL: ${(err as Error).message}`);
      process.exit(2);
    },
  );
}
