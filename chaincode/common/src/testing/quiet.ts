// fabric-contract-api logs every decorator and unknown transaction at module load through
// winston, which buries test output. Unless the caller chose a level, keep only the critical.
// It only takes effect if this module loads before fabric-contract-api does, so import
// `@city-ledger/chaincode-common/testing` first in test files.
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'CRITICAL';

export {};
