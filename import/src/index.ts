// Public API of @city-ledger/import, for the benchmarks: one file's import, and its parts.
export { DEFAULT_CONCURRENCY, importFile, type ImportFileOptions, type ImportFileResult } from './importFile';
export { gatewayTarget, networkFolders } from './environment';
export { ImportError } from './errors';
export type { Progress } from './progress';
export { progressFor } from './progress';
export type { RefusedLine } from './plan';
export { GatewayClient, type GatewayAnswer, type GatewayTarget } from './gatewayClient';
