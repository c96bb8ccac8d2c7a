import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCertificateDer, suggestStore } from '../../../main/services/certificates/codec';
import { makeTempDir } from '../../helpers/temp-dir';
import { issue, smallPki } from './openssl-pki';

describe('suggestStore', () => {
  const work = makeTempDir('codec-store-');
  let pki: ReturnType<typeof smallPki>;
  beforeAll(() => {
    pki = smallPki(work.path);
  });
  afterAll(() => work.cleanup());
  const decode = (der: Uint8Array) => decodeCertificateDer(der);

  it('puts a self-signed CA in root and an issuing CA in intermediate, key or not', () => {
    expect(suggestStore(decode(pki.root.der), false)).toBe('root');
    expect(suggestStore(decode(pki.intermediate.der), false)).toBe('intermediate');
    expect(suggestStore(decode(pki.intermediate.der), true)).toBe('intermediate');
  });

  it('follows the EKU: serverAuth only -> server, clientAuth only -> client (even with its key)', () => {
    expect(suggestStore(decode(pki.server.der), false)).toBe('server');
    expect(suggestStore(decode(pki.client.der), false)).toBe('client');
    expect(suggestStore(decode(pki.client.der), true)).toBe('client');
  });

  it('without a deciding EKU: with a key -> server, without -> client', () => {
    const both = decode(issue(work.path, 'both', { subject: '/CN=both.example', issuer: pki.intermediate, extensions: 'extendedKeyUsage=serverAuth,clientAuth' }).der);
    const none = decode(issue(work.path, 'none', { subject: '/CN=none.example', issuer: pki.intermediate }).der);
    expect(suggestStore(both, true)).toBe('server');
    expect(suggestStore(both, false)).toBe('client');
    expect(suggestStore(none, true)).toBe('server');
    expect(suggestStore(none, false)).toBe('client');
  });

  it('does not treat a self-signed end-entity certificate as a root', () => {
    const selfSigned = decode(issue(work.path, 'selfsigned-server', { subject: '/CN=dev.example', extensions: 'basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth' }).der);
    expect(selfSigned.summary.selfSigned).toBe(true);
    expect(suggestStore(selfSigned, true)).toBe('server');
  });
});
