import { DomainError } from '../../../shared/errors';
import type { Decision } from '../../../shared/models/decision';
import { whatIf, type PreparedEngine } from '../../decision';
import { decodeContainer } from '../certificates/codec';

export interface WhatIfRequest {
  site: string;
  certificateBase64: string;
  chainBase64: string[];
  path: string;
  at?: string;
}

/** The gateway's decision for a certificate file, without a connection: the same engine, the full trace. */
export function runWhatIf(engine: PreparedEngine, request: WhatIfRequest, now: Date): Decision {
  if (!engine.findSiteId(request.site)) throw new DomainError('NOT_FOUND', `No site named "${request.site}"`);
  // The client's certificate is the file's first end-entity one (a bundle may list its CAs first);
  // the others in it, and the chain files, are what a client would send along.
  const inFile = decodeContainer(Buffer.from(request.certificateBase64, 'base64')).certificates;
  const leaf = inFile.find((c) => !c.summary.isCA) ?? inFile[0];
  if (!leaf) throw new DomainError('NOT_A_CERTIFICATE', 'The file holds no certificate');
  const rest = inFile.filter((c) => c !== leaf);
  const chain = [...rest, ...request.chainBase64.flatMap((b64) => decodeContainer(Buffer.from(b64, 'base64')).certificates)].map((c) => c.der);
  const { failedStep: _failedStep, ...decision } = whatIf(engine, request.site, { der: leaf.der, chain }, request.path, request.at ? new Date(request.at) : now);
  return decision;
}
