import { DomainError } from '../../../shared/errors';
import { sameBindingKey, type BindingRow } from '../../../shared/models/binding';
import type { CertificateDetails } from '../../../shared/models/certificate';
import { DEFAULT_KEY_ALGORITHM, KEY_ALGORITHMS, KEY_ALGORITHM_LABELS, REQUEST_SAN_TYPES, type KeyAlgorithm, type RequestSan } from '../../../shared/models/key';
import type { RebindInput, RebindResult, RenewalMapping, RenewalPlan, RenewInput, RenewResult } from '../../../shared/models/renewal';
import type { AuthorityService } from '../authority/authority-service';
import type { BindingService } from '../bindings/binding-service';
import type { CertificateService } from '../certificates/certificate-service';
import { toPem } from '../certificates/codec';
import { uniqueName } from '../keys/create-request';
import type { KeyService } from '../keys/key-service';
import type { MappingService } from '../mappings/mapping-service';
import type { SiteService } from '../sites/site-service';
import { rebindSite } from './rebind-site';

export interface RenewalDependencies {
  certificates: CertificateService;
  keys: KeyService;
  authority: AuthorityService;
  sites: SiteService;
  mappings: MappingService;
  bindings: BindingService;
}

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const REQUESTABLE_SANS = new Set<string>(REQUEST_SAN_TYPES);

/** clientAuth without serverAuth is a person's certificate; everything else renews as a server certificate. */
function profileOf(details: Pick<CertificateDetails, 'facts'>): 'server' | 'client' {
  const ekus = details.facts.extendedKeyUsage.map((e) => e.oid);
  return ekus.includes(CLIENT_AUTH) && !ekus.includes(SERVER_AUTH) ? 'client' : 'server';
}

/** The algorithm CertMapper generates that is the old key's kind ("ECDSA P-256" is ec-p256), else the default. */
function algorithmOf(keyAlgorithm: string): KeyAlgorithm {
  return KEY_ALGORITHMS.find((a) => KEY_ALGORITHM_LABELS[a].replace(/ \(.*\)$/, '') === keyAlgorithm) ?? DEFAULT_KEY_ALGORITHM;
}

const presents = (sha256: string) => (row: BindingRow) => row.protocol === 'https' && row.certificate?.sha256 === sha256;

/**
 * The renewal wizard's engine (KB Q277893, modernised). A renewal is a Key Manager request that
 * remembers which certificate it renews; the local authority can sign it at once, or the request
 * goes to another authority and its reply is installed later (keys.install). Either way the last
 * step, rebind, moves the bindings and one-to-one mappings of the old certificate to the new one.
 * The old certificate stays in the store until it expires or is deleted, marked with the renewal that
 * replaced it (recorded when the new one is installed, see installReply); until rebind has run for
 * that renewal, the renewal is unfinished and the wizard resumes at Verify bindings.
 */
export class RenewalService {
  constructor(private readonly deps: RenewalDependencies) {}

  /** What the wizard prefills for this certificate, and every binding and mapping that uses it. */
  plan(sha256: string): RenewalPlan {
    const { certificates, authority, keys } = this.deps;
    const details = certificates.get(sha256);
    const issued = authority.findIssued(details.sha256);
    const profile = profileOf(details);
    return {
      sha256: details.sha256,
      displayName: details.displayName,
      subject: details.subject,
      serial: details.serial,
      notAfter: details.notAfter,
      daysLeft: details.daysLeft,
      profile,
      subjectAltNames: details.facts.subjectAltNames.filter((san): san is RequestSan => REQUESTABLE_SANS.has(san.type)),
      algorithm: algorithmOf(details.keyAlgorithm),
      keyAlgorithmName: details.keyAlgorithm,
      sameKeyUnavailable: details.hasPrivateKey ? null : `${details.displayName} has no private key in the vault: the renewal needs a new key`,
      // Self-signed server certificates often say CA:TRUE (openssl req -x509 does); the store tells a real CA.
      localAuthorityUnavailable: details.store === 'root' || details.store === 'intermediate'
        ? `${details.displayName} is a CA certificate (in the ${details.store === 'root' ? 'Trusted Root' : 'Intermediate'} store): the wizard renews server and client certificates`
        : authority.info()
          ? null
          : 'There is no local certificate authority: create it (Certification Authority > Create), or save the request for another authority',
      issuedByLocalAuthority: issued !== null,
      account: issued?.account ?? null,
      bindings: this.deps.bindings.list().filter(presents(details.sha256)),
      mappings: this.mappingsOf(details.sha256),
      pendingRequest: keys.list().requests.find((r) => r.renews === details.sha256) ?? null,
      renewedBy: this.renewedBy(details.sha256),
    };
  }

  /**
   * Make the request (same or new key, the subject and SANs as edited) and, with the local
   * authority, sign and install it. Nothing is left behind when signing or installing fails: the
   * request is cancelled and a key made for it deleted.
   */
  async renew(input: RenewInput): Promise<RenewResult> {
    const plan = this.plan(input.sha256);
    const key = input.key ?? 'new';
    if (plan.localAuthorityUnavailable && input.via === 'local') throw new DomainError('INVALID_INPUT', plan.localAuthorityUnavailable);
    if (key === 'same' && plan.sameKeyUnavailable) throw new DomainError('INVALID_INPUT', plan.sameKeyUnavailable);
    // A second new certificate would leave the first one unbound and unmarked, with the same name.
    if (plan.renewedBy && !plan.renewedBy.finishedAt) throw unfinishedError(plan);
    const { keys } = this.deps;
    const known = Object.fromEntries(keys.list().keys.map((k) => [k.id, k]));
    const created = await keys.createRequest({
      ...(key === 'same'
        ? { certificateSha256: plan.sha256 }
        : { name: uniqueName(known, `${plan.displayName} (renewed ${new Date().toISOString().slice(0, 10)})`), algorithm: input.algorithm ?? plan.algorithm }),
      subject: input.subject ?? plan.subject,
      subjectAltNames: input.subjectAltNames ?? plan.subjectAltNames,
      template: plan.profile,
      renews: plan.sha256,
    });
    if (input.via === 'request') return { stage: 'pending', previous: plan.sha256, request: created.request };

    // A key record made for this request (always for a new key; for the same key, the first time the Key Manager sees it).
    const madeKey = known[created.key.id] === undefined;
    try {
      const signed = await this.deps.authority.signRequest({ request: Buffer.from(created.request.pem), profile: plan.profile, days: input.days, account: plan.account });
      const reply = [signed.der, ...signed.chain].map((der) => toPem(der)).join('');
      const installed = keys.install({ contentBase64: Buffer.from(reply).toString('base64'), requestId: created.request.id });
      const certificate = this.deps.certificates.get(installed.certificate.sha256);
      return { stage: 'installed', previous: plan.sha256, certificate: { sha256: certificate.sha256, subject: certificate.subject, serial: certificate.serial, notAfter: certificate.notAfter } };
    } catch (error) {
      keys.cancelRequest(created.request.id);
      if (madeKey) keys.delete(created.key.id);
      throw error;
    }
  }

  /** Move the chosen bindings, and the one-to-one mappings, from the old certificate to the new one. */
  rebind(input: RebindInput): RebindResult {
    const from = input.from.toLowerCase();
    const to = this.deps.certificates.get(input.to);
    const rows = this.deps.bindings.list();
    const chosen = input.bindings.map((ref) => {
      const row = rows.find((r) => r.siteId === ref.siteId && sameBindingKey(r, ref));
      if (!row) throw new DomainError('NOT_FOUND', `No binding ${ref.protocol}://${ref.address}:${ref.port} on site ${ref.siteId}`);
      if (!presents(from)(row)) throw new DomainError('CONFLICT', `${row.siteName} ${row.protocol}://${row.address}:${row.port} no longer presents the certificate being renewed`);
      return row;
    });
    if (chosen.length > 0 && !to.hasPrivateKey) throw new DomainError('INVALID_INPUT', `${to.displayName} has no private key in the vault, so no binding can present it`);

    const siteCertificatesChanged: string[] = [];
    for (const siteId of new Set(chosen.map((row) => row.siteId))) {
      const site = this.deps.sites.update(siteId, (current) => rebindSite(current, from, to.sha256, chosen.filter((row) => row.siteId === siteId)));
      if (site.serverCertificateSha256 === to.sha256) siteCertificatesChanged.push(site.name);
    }
    const moved = input.moveMappings === false ? [] : this.deps.mappings.moveOneToOne(from, to.sha256);
    // Rebinding (whatever was chosen, even nothing: the administrator's "leave them") is the renewal's
    // last step: the console stops offering Finish Renewal….
    this.deps.certificates.finishRenewal(from, to.sha256);
    const after = this.deps.bindings.list();
    return {
      rebound: after.filter((row) => chosen.some((c) => c.siteId === row.siteId && sameBindingKey(c, row))),
      siteCertificatesChanged,
      mappingsMoved: moved.map(({ site, mapping }) => ({ siteId: site.id, siteName: site.name, mappingId: mapping.id, account: mapping.account })),
      remaining: after.filter(presents(from)),
    };
  }

  /** The renewal that replaced this certificate, with the new certificate as the wizard shows it. */
  private renewedBy(sha256: string): RenewalPlan['renewedBy'] {
    const renewal = this.deps.certificates.renewal(sha256);
    if (!renewal) return null;
    const { sha256: newSha256, subject, serial, notAfter } = this.deps.certificates.get(renewal.renewedBy);
    return { certificate: { sha256: newSha256, subject, serial, notAfter }, at: renewal.at, finishedAt: renewal.finishedAt };
  }

  private mappingsOf(sha256: string): RenewalMapping[] {
    return this.deps.sites
      .list()
      .flatMap((site) => site.oneToOne.filter((m) => m.certificateSha256 === sha256).map((m) => ({ siteId: site.id, siteName: site.name, mappingId: m.id, account: m.account })));
  }
}

function unfinishedError(plan: RenewalPlan): DomainError {
  const renewed = plan.renewedBy!;
  return new DomainError(
    'CONFLICT',
    `${plan.displayName} was already renewed on ${renewed.at.slice(0, 10)} (new serial ${renewed.certificate.serial}, SHA-256 ${renewed.certificate.sha256}) and that renewal is not finished: ` +
      `its bindings and mappings were not moved. Finish it (Finish Renewal…, or certmapper cert renew ${plan.sha256} --finish), or delete the new certificate to renew again.`,
  );
}
