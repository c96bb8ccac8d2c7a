import { malformed, type Tlv } from './der';

function digits(buf: Uint8Array, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const d = buf[i]! - 0x30;
    if (d < 0 || d > 9) throw malformed('Invalid date in the certificate: a time field is not numeric.');
    value = value * 10 + d;
  }
  return value;
}

/**
 * UTCTime / GeneralizedTime as an ISO string. Read by hand (no Date parsing of strings) because
 * every certificate has two; tolerates the BER forms old certificates use (no seconds, +hhmm offsets).
 */
export function readTime(buf: Uint8Array, tlv: Tlv): string {
  const s = tlv.contentStart;
  const e = tlv.contentEnd;
  let p: number;
  let year: number;
  if (tlv.tag === 0x17) {
    if (e - s < 11) throw malformed('Invalid date in the certificate: UTCTime is too short.');
    const yy = digits(buf, s, 2);
    year = yy < 50 ? 2000 + yy : 1900 + yy; // RFC 5280 4.1.2.5.1
    p = s + 2;
  } else if (tlv.tag === 0x18) {
    if (e - s < 13) throw malformed('Invalid date in the certificate: GeneralizedTime is too short.');
    year = digits(buf, s, 4);
    p = s + 4;
  } else {
    throw malformed('Invalid structure: expected a time.');
  }
  const month = digits(buf, p, 2);
  const day = digits(buf, p + 2, 2);
  const hour = digits(buf, p + 4, 2);
  const minute = digits(buf, p + 6, 2);
  p += 8;
  let second = 0;
  if (p + 1 < e && buf[p]! >= 0x30 && buf[p]! <= 0x39) {
    second = digits(buf, p, 2);
    p += 2;
  }
  let millis = 0;
  if (p < e && (buf[p] === 0x2e || buf[p] === 0x2c)) {
    p++;
    let scale = 100;
    while (p < e && buf[p]! >= 0x30 && buf[p]! <= 0x39) {
      millis += (buf[p]! - 0x30) * scale;
      scale /= 10;
      p++;
    }
    millis = Math.floor(millis);
  }
  let offsetMinutes = 0;
  if (p < e && (buf[p] === 0x2b || buf[p] === 0x2d) && p + 5 <= e) {
    const sign = buf[p] === 0x2b ? 1 : -1;
    offsetMinutes = sign * (digits(buf, p + 1, 2) * 60 + digits(buf, p + 3, 2));
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    throw malformed('Invalid date in the certificate: a field is out of range.');
  }
  // The common case (whole seconds, UTC, 4-digit year) is formatted directly: no Date object.
  if (millis === 0 && offsetMinutes === 0 && second < 60 && year >= 1000 && day <= 28) {
    return `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}.000Z`;
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis) - offsetMinutes * 60_000;
  const date = new Date(ms);
  // Date.UTC maps years 0-99 to 1900-1999; GeneralizedTime means them literally.
  if (year < 100) date.setUTCFullYear(year);
  return date.toISOString();
}

const TWO_DIGITS = Array.from({ length: 61 }, (_, i) => String(i).padStart(2, '0'));
const two = (n: number) => TWO_DIGITS[n]!;
