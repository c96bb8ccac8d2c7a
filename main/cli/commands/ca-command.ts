import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AUTHORITY_KEY_ALGORITHMS, ISSUE_PROFILES, REVOCATION_REASONS, type AuthorityInfo } from '../../../shared/models/authority';
import { toPem } from '../../services/certificates/codec';
import { call, UsageError, type CliContext } from '../cli-context';
import { parseChoice } from '../parse-options';
import { formatTable } from '../table';

export const CA_USAGE = `certmapper ca init [--intermediate] [--name NAME] [--alg ${AUTHORITY_KEY_ALGORITHMS.join('|')}] [--crl-url http://HOST:PORT/PATH.crl] [--crl-validity 7d|12h|90s] [--json]
certmapper ca status [--json]
certmapper ca issue --account USER [--subject "CN=..."] --out FILE.pfx --password P [--map-site SITE] [--days N] [--alg A] [--json]
certmapper ca sign REQ.pem --out CERT.pem [--profile client|server] [--days N] [--json]
certmapper ca list [--json]
certmapper ca revoke SHA256 [--reason ${REVOCATION_REASONS.join('|')}] [--json]
certmapper ca crl --out FILE [--root] [--pem] [--json]`;

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** "7d", "12h", "30m", "90s" or plain seconds. */
function parseDuration(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = text.match(/^(\d+)([smhd]?)$/);
  if (!match) throw new UsageError(`--crl-validity must be a duration such as 7d, 12h, 30m or 90s (got ${text})`);
  return Number(match[1]) * UNITS[match[2] || 's']!;
}

function parseDays(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const days = Number(text);
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new UsageError('--days must be a whole number of days from 1 to 3650');
  return days;
}

function describeAuthority(info: AuthorityInfo): string[] {
  const lines = [`Local authority "${info.name}" (id ${info.id})`];
  for (const ca of [info.root, info.intermediate]) {
    if (!ca) continue;
    lines.push(`  ${ca.role === 'root' ? 'root        ' : 'intermediate'} ${ca.sha256}  ${ca.subject}  (${ca.keyAlgorithm}, until ${ca.notAfter.slice(0, 10)})`);
    lines.push(`               CRL #${ca.crl.number} at ${ca.crlUrl}, next update ${ca.crl.nextUpdate}, ${ca.crl.revokedCount} revoked`);
  }
  lines.push(`  ${info.issuedCount} issued, ${info.revokedCount} revoked; CRLs valid ${info.crlValiditySeconds} s, reissued at half-life by certmapper serve`);
  return lines;
}

/** `certmapper ca <verb>`: the local certificate authority (IIS's Certificate Server role). */
export async function caCommand(context: CliContext): Promise<number> {
  const [verb, ...args] = context.args;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      intermediate: { type: 'boolean' },
      name: { type: 'string' },
      alg: { type: 'string' },
      'crl-url': { type: 'string' },
      'crl-validity': { type: 'string' },
      account: { type: 'string' },
      subject: { type: 'string' },
      out: { type: 'string' },
      password: { type: 'string' },
      'map-site': { type: 'string' },
      days: { type: 'string' },
      profile: { type: 'string' },
      reason: { type: 'string' },
      root: { type: 'boolean' },
      pem: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const print = (value: unknown, lines: string[]) => context.out(values.json ? JSON.stringify(value, null, 2) : lines.join('\n'));
  switch (verb) {
    case 'init': {
      const info = await call(context, 'authority.init', {
        name: values.name,
        algorithm: parseChoice('alg', values.alg, AUTHORITY_KEY_ALGORITHMS),
        intermediate: values.intermediate ?? false,
        crlUrl: values['crl-url'],
        crlValiditySeconds: parseDuration(values['crl-validity']),
      });
      print(info, [info.issuingSha256, ...describeAuthority(info)]);
      return 0;
    }
    case 'status': {
      const { authority } = await call(context, 'authority.status', {});
      print({ authority }, authority ? describeAuthority(authority) : ['No local authority yet: certmapper ca init']);
      return 0;
    }
    case 'issue': {
      if (!values.account || !values.out || !values.password) throw new UsageError('ca issue needs --account USER, --out FILE.pfx and --password P');
      const result = await call(context, 'authority.issueClient', {
        account: values.account,
        subject: values.subject,
        password: values.password,
        mapSite: values['map-site'],
        days: parseDays(values.days),
        algorithm: parseChoice('alg', values.alg, AUTHORITY_KEY_ALGORITHMS),
      });
      await writeFile(values.out, Buffer.from(result.pfxBase64, 'base64'), { mode: 0o600 });
      const { certificate: c, mapping } = result;
      print({ ...c, file: values.out, mapping: result.mapping, trustedIssuersAdded: result.trustedIssuersAdded }, [
        c.sha256,
        `  issued ${c.subject} (serial ${c.serial}) for ${c.account}, valid until ${c.notAfter}`,
        `  PKCS#12 with its key written to ${values.out} (the authority keeps no copy of the key)`,
        ...(mapping ? [`  mapped one-to-one to ${c.account} on site "${mapping.site}"${result.trustedIssuersAdded.length ? `; the site now trusts the local authority (${result.trustedIssuersAdded.length} CA certificate${result.trustedIssuersAdded.length === 1 ? '' : 's'} added)` : ''}; a running gateway applies it within a second`] : []),
      ]);
      return 0;
    }
    case 'sign': {
      const file = positionals[0];
      if (!file || !values.out) throw new UsageError('ca sign needs REQ.pem and --out CERT.pem');
      const request = await readFile(file);
      const result = await call(context, 'authority.signRequest', {
        requestBase64: request.toString('base64'),
        profile: parseChoice('profile', values.profile, ISSUE_PROFILES),
        days: parseDays(values.days),
      });
      await writeFile(values.out, result.certificatePem);
      const c = result.certificate;
      print({ ...c, file: values.out }, [c.sha256, `  signed ${c.subject} as a ${c.profile} certificate (serial ${c.serial}), valid until ${c.notAfter}`, `  written to ${values.out}`]);
      return 0;
    }
    case 'list': {
      const { items } = await call(context, 'authority.issued', {});
      print(items, [formatTable(['SHA-256', 'SERIAL', 'STATUS', 'PROFILE', 'NOT AFTER', 'SUBJECT'], items.map((i) => [i.sha256, i.serial, i.reason ? `${i.status} (${i.reason})` : i.status, i.profile, i.notAfter.slice(0, 10), i.subject]))]);
      return 0;
    }
    case 'revoke': {
      const sha256 = positionals[0];
      if (!sha256) throw new UsageError('ca revoke needs the SHA256 of the certificate');
      const result = await call(context, 'authority.revoke', { sha256, reason: parseChoice('reason', values.reason, REVOCATION_REASONS) });
      const c = result.certificate;
      print(result, [`Revoked ${c.subject} (serial ${c.serial}): ${c.reason}`, `  CRL #${result.crl.number} published at ${result.crl.url}, next update ${result.crl.nextUpdate}`]);
      return 0;
    }
    case 'crl': {
      if (!values.out) throw new UsageError('ca crl needs --out FILE');
      const crl = await call(context, 'authority.crl', { role: values.root ? 'root' : 'issuing' });
      const der = Buffer.from(crl.contentBase64, 'base64');
      await writeFile(values.out, values.pem ? toPem(der, 'X509 CRL') : der);
      const { contentBase64: _omitted, ...facts } = crl;
      print({ ...facts, file: values.out }, [`CRL #${crl.number} (this update ${crl.thisUpdate}, next update ${crl.nextUpdate}) written to ${values.out}`, `  published at ${crl.url}`]);
      return 0;
    }
    default:
      throw new UsageError(`Unknown ca verb: ${verb ?? '(none)'}`);
  }
}
