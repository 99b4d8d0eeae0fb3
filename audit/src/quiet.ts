// The credential check reuses the identity chaincode's credentialHash, which loads
// fabric-contract-api; it logs every decorator through winston at module load, which would bury
// the CLI's JSON. Keep only critical messages unless the caller chose a level. Import this
// module first. (Goes when credentialHash lives in @city-ledger/domain.)
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'CRITICAL';

export {};
