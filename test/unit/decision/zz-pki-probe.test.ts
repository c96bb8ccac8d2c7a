import { it } from 'vitest';
import { createDecisionPki } from './decision-pki';
import { decodeCertificateDer } from '../../../main/services/certificates/codec';
import { makeTempDir } from '../../helpers/temp-dir';
it('probe', () => {
  const dir = makeTempDir();
  const pki = createDecisionPki(dir.path);
  for (const k of ['alice', 'forger', 'oddity'] as const) console.log(JSON.stringify(decodeCertificateDer(pki[k].der).facts, null, 1), decodeCertificateDer(pki[k].der).summary);
  dir.cleanup();
});
