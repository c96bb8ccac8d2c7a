// Certificate path validation for client-certificate authentication (RFC 5280 section 6).
export { compileTrustContext, type CompiledCrl, type TrustContext, type TrustInput } from './trust-context';
export { verify, type VerifyOptions, type VerifyOutcome } from './verify';
export type { Purpose } from './path-checks';
export type { RevocationMode } from './revocation';
export { ANY_POLICY, type PolicyOptions } from './policy-tree';
export { PRECEDENCE } from './failure';
export { HttpCrlFetcher, type CrlFetcher, type FetchedCrl, type HttpCrlFetcherOptions } from './crl-fetcher';
