import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { KEY_ALGORITHMS } from '../../../shared/models/key';
import { call, UsageError, type CliContext } from '../cli-context';
import { parseChoice } from '../parse-options';
import { finishRenewal } from './finish-renewal';
import { printRebind, rebindEverything } from './rebind-everything';
import { parseSan } from './san-option';

export const RENEW_USAGE = `certmapper cert renew SHA256 [--new-key|--same-key] [--alg A] [--subject "CN=..."] [--san TYPE:VALUE ...] (--ca local | --out REQ.pem) [--days N] [--no-rebind] [--pfx-out FILE.pfx --password P] [--json]
    (--ca local: signed by the local authority, installed, and every binding and one-to-one mapping of the old certificate moved to the new one;
     --out: a request for another authority; installing its reply with key install moves them then)
certmapper cert renew SHA256 --finish [--no-rebind] [--json]
    (finishes a renewal whose bindings were not moved, by --no-rebind or by closing the console's wizard at Verify bindings:
     moves them now, or with --no-rebind leaves them on the old certificate)`;

/**
 * `certmapper cert renew`: the renewal wizard in one command (KB Q277893). Defaults as the wizard's:
 * a new key, the old subject and SANs, every binding and mapping moved.
 */
export async function renewCommand(context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args: context.args,
    allowPositionals: true,
    options: {
      'new-key': { type: 'boolean' },
      'same-key': { type: 'boolean' },
      alg: { type: 'string' },
      subject: { type: 'string' },
      san: { type: 'string', multiple: true },
      ca: { type: 'string' },
      out: { type: 'string' },
      days: { type: 'string' },
      'no-rebind': { type: 'boolean' },
      finish: { type: 'boolean' },
      'pfx-out': { type: 'string' },
      password: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const sha256 = positionals[0];
  if (!sha256) throw new UsageError('cert renew needs the SHA256 of the certificate to renew');
  if (values.finish) {
    const renewing = (['new-key', 'same-key', 'alg', 'subject', 'san', 'ca', 'out', 'days', 'pfx-out', 'password'] as const).filter((option) => values[option] !== undefined);
    if (renewing.length > 0) throw new UsageError(`cert renew --finish completes the renewal already made; it takes no --${renewing.join(', --')}`);
    return finishRenewal(context, sha256, { leave: values['no-rebind'] === true, json: values.json === true });
  }
  if (values['new-key'] && values['same-key']) throw new UsageError('cert renew takes --new-key or --same-key, not both');
  if ((values.ca === undefined) === (values.out === undefined)) throw new UsageError('cert renew needs --ca local (sign now) or --out REQ.pem (a request for another authority)');
  if (values.ca !== undefined && values.ca !== 'local') throw new UsageError(`--ca ${values.ca}: the only authority CertMapper can reach is "local"`);
  if (values['same-key'] && values.alg) throw new UsageError('--alg is for a new key; --same-key keeps the algorithm');
  if (values['pfx-out'] && !values.password) throw new UsageError('--pfx-out needs --password P: the exported private key is never written unencrypted');
  if (values['pfx-out'] && values.out) throw new UsageError('--pfx-out goes with --ca local: a request has no certificate to export yet');
  const days = values.days === undefined ? undefined : Number(values.days);
  if (days !== undefined && !(Number.isInteger(days) && days > 0)) throw new UsageError(`--days ${values.days}: a whole number of days`);

  const result = await call(context, 'renewal.renew', {
    sha256,
    key: values['same-key'] ? 'same' : 'new',
    algorithm: parseChoice('alg', values.alg, KEY_ALGORITHMS),
    subject: values.subject,
    subjectAltNames: values.san?.map(parseSan),
    via: values.out ? 'request' : 'local',
    days,
  });

  if (result.stage === 'pending') {
    await writeFile(values.out!, result.request.pem);
    if (values.json) {
      context.out(JSON.stringify({ ...result, file: values.out }, null, 2));
      return 0;
    }
    context.out(`Wrote ${values.out}: a renewal request for ${result.request.subject} (pending request ${result.request.id})`);
    context.out('Send it to the authority, then install its reply with: certmapper key install --cert REPLY');
    context.out('Installing it moves the bindings and one-to-one mappings of the old certificate to the new one.');
    return 0;
  }

  const moved = values['no-rebind'] ? null : await rebindEverything(context, result.previous, result.certificate.sha256);
  let pfx: string | null = null;
  if (values['pfx-out']) {
    const file = await call(context, 'keys.exportPkcs12', { certificateSha256: result.certificate.sha256, password: values.password!, includeChain: true, includeRoot: false });
    await writeFile(values['pfx-out'], Buffer.from(file.contentBase64, 'base64'), { mode: 0o600 });
    pfx = values['pfx-out'];
  }
  if (values.json) {
    context.out(JSON.stringify({ ...result, rebind: moved, pfx }, null, 2));
    return 0;
  }
  context.out(result.certificate.sha256);
  context.out(`  renewed ${result.certificate.subject}: serial ${result.certificate.serial}, valid until ${result.certificate.notAfter}`);
  context.out(`  (replaces ${result.previous}, which stays in the store until you delete it)`);
  if (moved) printRebind(context, moved);
  else context.out(`  bindings and mappings not moved (--no-rebind): certmapper cert renew ${result.previous} --finish moves them later`);
  if (pfx) context.out(`  wrote ${pfx} (PKCS#12 with the new key, protected by the password)`);
  return 0;
}
