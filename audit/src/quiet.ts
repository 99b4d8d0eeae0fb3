// The document checks reuse the chaincodes' hash functions, which load fabric-contract-api;
// it logs every decorator through winston at module load, which would bury the CLI's JSON.
// Keep only critical messages unless the caller chose a level. Import this module first.
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'CRITICAL';

export {};
