import { REQUEST_SAN_TYPES, type RequestSan } from '../../../shared/models/key';
import { UsageError } from '../cli-context';

/** `--san dns:www.example.com` -> a SAN (key new, cert renew). */
export function parseSan(text: string): RequestSan {
  const colon = text.indexOf(':');
  const type = text.slice(0, Math.max(colon, 0)).toLowerCase();
  const value = text.slice(colon + 1);
  if (colon <= 0 || !value || !(REQUEST_SAN_TYPES as readonly string[]).includes(type)) {
    throw new UsageError(`--san ${text}: write TYPE:VALUE with TYPE one of ${REQUEST_SAN_TYPES.join(', ')} (for example dns:www.example.com)`);
  }
  return { type: type as RequestSan['type'], value };
}
