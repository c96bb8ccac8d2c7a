import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeContainer, toPem } from '../../../main/services/certificates/codec';
import { certificateLayout } from '../../../main/services/certificates/codec/certificate';
import { makeTempDir } from '../../helpers/temp-dir';
import { issue, type Issued } from './openssl-pki';

describe('a 10,000-certificate PEM bundle', () => {
  const work = makeTempDir('codec-bundle-');
  let template: Issued;
  beforeAll(() => {
    template = issue(work.path, 'template', { subject: '/O=Bundle/CN=bundle.example', key: 'rsa2048', extensions: 'subjectAltName=DNS:bundle.example' });
  });
  afterAll(() => work.cleanup());

  it('decodes every certificate, each once, in order (count check, not timed here: see DECISIONS.md)', () => {
    // Distinct certificates cheaply: the template with its serial's last four octets numbered.
    // The signatures no longer verify, which decoding does not check.
    const { serial } = certificateLayout(template.der);
    const pems: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const der = template.der.slice();
      new DataView(der.buffer).setUint32(serial.contentEnd - 4, i);
      pems.push(toPem(der).replace(/\n/g, '\r\n'));
    }
    const decoded = decodeContainer(new Uint8Array(Buffer.from(`10k bundle\r\n${pems.join('')}`)));
    expect(decoded.certificates).toHaveLength(10_000);
    expect(new Set(decoded.certificates.map((c) => c.sha256)).size).toBe(10_000);
    expect(decoded.certificates.map((c) => Number.parseInt(c.summary.serial.slice(-8), 16))).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
  });
});
