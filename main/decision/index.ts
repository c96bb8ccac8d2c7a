// The decision engine: what the gateway asks for every connection and request, and what-if.
export type { ChainVerifier, RevocationMode, SiteTrust, TrustOutcome } from './chain-verifier';
export { compileSnapshot, type SnapshotSources } from './compile-snapshot';
export { createFactsCache, prepareSnapshot, type FactsCache, type PreparedEngine, type PrepareOptions } from './prepare-snapshot';
export { normalizeRequestPath } from './request-path';
export { trustEngineVerifier } from './trust-engine-verifier';
export { whatIf, type WhatIfDecision } from './whatif';
export type * from './types';
