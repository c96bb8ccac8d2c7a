import * as x509 from '@peculiar/x509';
import type { RequestSan, RequestTemplate } from '../../../shared/models/key';
import type { GeneratedKeyPair } from './key-generation';
import { useNodeWebCrypto } from './key-generation';
import { toGeneralName } from './subject-alt-names';
import { toX509Name, type ParsedSubject } from './subject-name';

export interface RequestContent {
  keys: GeneratedKeyPair;
  subject: ParsedSubject;
  subjectAltNames: RequestSan[];
  template: RequestTemplate;
}

/**
 * Key usages a template asks for. RSA keys also get keyEncipherment, which TLS 1.2's RSA key
 * exchange needs; EC and Ed25519 keys only sign.
 */
function keyUsageOf(keys: GeneratedKeyPair): x509.KeyUsageFlags {
  const rsa = keys.algorithm.startsWith('rsa-');
  return rsa ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment : x509.KeyUsageFlags.digitalSignature;
}

function templateExtensions(content: RequestContent): x509.Extension[] {
  switch (content.template) {
    case 'server':
      return [new x509.KeyUsagesExtension(keyUsageOf(content.keys), true), new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth])];
    case 'client':
      return [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true), new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])];
    case 'none':
      return [];
  }
}

/** A signed PKCS#10 request (RFC 2986) with its wanted extensions in an extensionRequest attribute. */
export async function buildCertificateRequest(content: RequestContent): Promise<{ der: Uint8Array; pem: string }> {
  useNodeWebCrypto();
  const extensions = templateExtensions(content);
  if (content.subjectAltNames.length > 0) {
    extensions.push(new x509.SubjectAlternativeNameExtension(content.subjectAltNames.map(toGeneralName)));
  }
  const request = await x509.Pkcs10CertificateRequestGenerator.create({
    name: toX509Name(content.subject),
    keys: content.keys.cryptoKeys,
    signingAlgorithm: content.keys.signingAlgorithm,
    extensions,
  });
  const der = new Uint8Array(request.rawData);
  const base64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return { der, pem: `-----BEGIN CERTIFICATE REQUEST-----\n${base64}\n-----END CERTIFICATE REQUEST-----\n` };
}
