// The certificate codec: pure decoding and encoding, no storage, no UI.
export type { ContainerFormat, DecodedCertificate, DecodedContainer, DecodedCrl, DecodedPrivateKey, DecodeOptions, ParsedSummary } from './types';
export { decodeContainer, decodeContents } from './decode-container';
export { decodeCertificateDer } from './certificate';
export { decodeCrlDer } from './crl';
export { suggestStore } from './suggest-store';
export { toPem } from './pem';
export { toPkcs7 } from './pkcs7';
export { buildChain, issuerKeyOf, subjectKeyOf, toChainCandidate, type ChainCandidate, type ChainLookup } from './chain';
export { nameKeyOf } from './names';
