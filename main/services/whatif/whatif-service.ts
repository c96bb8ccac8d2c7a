import { DomainError } from '../../../shared/errors';
import type { Decision } from '../../../shared/models/decision';
import { whatIf, type PreparedEngine } from '../../decision';
import { decodeContainer } from '../certificates/codec';

export interface WhatIfRequest {
  site: string;
  certificateBase64: string;
  chainBase64: string[];
  /** Opens a PKCS#12 certificate or chain file; used for this decoding only, never kept. */
  password?: string;
  path: string;
  at?: string;
}

/** Decode one chain file; a refusal keeps its code and says which file it was about. */
function chainFileCertificates(b64: string, index: number, password: string | undefined) {
  try {
    return decodeContainer(Buffer.from(b64, 'base64'), { password }).certificates;
  } catch (error) {
    if (error instanceof DomainError) throw new DomainError(error.code, `Chain file ${index + 1}: ${error.message}`);
    throw error;
  }
}

/** The gateway's decision for a certificate file, without a connection: the same engine, the full trace. */
export function runWhatIf(engine: PreparedEngine, request: WhatIfRequest, now: Date): Decision {
  if (!engine.findSiteId(request.site)) throw new DomainError('NOT_FOUND', `No site named "${request.site}"`);
  // Any encoding the store imports, a PKCS#12 with its password (PASSWORD_REQUIRED / WRONG_PASSWORD otherwise).
  // The client's certificate is the file's first end-entity one (a bundle may list its CAs first);
  // the others in it, and the chain files, are what a client would send along.
  const { password } = request;
  const inFile = decodeContainer(Buffer.from(request.certificateBase64, 'base64'), { password }).certificates;
  const leaf = inFile.find((c) => !c.summary.isCA) ?? inFile[0];
  if (!leaf) throw new DomainError('NOT_A_CERTIFICATE', 'The file holds no certificate');
  const rest = inFile.filter((c) => c !== leaf);
  const chain = [...rest, ...request.chainBase64.flatMap((b64, index) => chainFileCertificates(b64, index, password))].map((c) => c.der);
  const { failedStep: _failedStep, ...decision } = whatIf(engine, request.site, { der: leaf.der, chain }, request.path, request.at ? new Date(request.at) : now);
  return decision;
}
