import { DomainError } from '../../../../shared/errors';

/** One PEM block: its label, RFC 1421 headers (Proc-Type, DEK-Info) and decoded bytes. */
export interface PemBlock {
  label: string;
  headers: Record<string, string>;
  der: Uint8Array;
  /** 1-based position in the file, for messages. */
  index: number;
}

// Base64 with any whitespace inside, padding only at the end. Node's decoder skips the
// whitespace itself, so the text is checked once and never copied.
const BASE64_WITH_WHITESPACE = /^[A-Za-z0-9+/\s]*(=\s*){0,2}$/;

/** Decode Base64 that may contain whitespace; null when it is not Base64 at all. */
export function decodeBase64(text: string): Uint8Array | null {
  if (!BASE64_WITH_WHITESPACE.test(text)) return null;
  const buffer = Buffer.from(text, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

/**
 * Find every PEM block in text (any line endings, text around and between blocks). A block that
 * is not closed or whose Base64 is damaged makes the whole file fail: half a bundle is not imported.
 */
export function findPemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  let pos = 0;
  for (;;) {
    const begin = text.indexOf('-----BEGIN ', pos);
    if (begin < 0) break;
    const labelEnd = text.indexOf('-----', begin + 11);
    const label = labelEnd < 0 ? '' : text.slice(begin + 11, labelEnd);
    const index = blocks.length + 1;
    if (labelEnd < 0 || label.length > 64 || /[\r\n]/.test(label)) {
      throw new DomainError('MALFORMED', `PEM block ${index}: the "-----BEGIN ...-----" line is damaged.`);
    }
    const endMarker = `-----END ${label}-----`;
    const end = text.indexOf(endMarker, labelEnd + 5);
    const nextBegin = text.indexOf('-----BEGIN ', labelEnd + 5);
    if (end < 0 || (nextBegin >= 0 && nextBegin < end)) {
      const otherEnd = text.indexOf('-----END ', labelEnd + 5);
      if (otherEnd >= 0 && (nextBegin < 0 || otherEnd < nextBegin)) {
        throw new DomainError('MALFORMED', `PEM block ${index} (${label}) ends with a different END line than "${endMarker}".`);
      }
      if (nextBegin >= 0) throw new DomainError('MALFORMED', `PEM block ${index} (${label}) has no "${endMarker}" line before the next block.`);
      throw new DomainError('TRUNCATED', `PEM block ${index} (${label}) has no "${endMarker}" line: the file is cut short.`);
    }
    let body = text.slice(labelEnd + 5, end);
    const headers: Record<string, string> = {};
    if (body.includes(':')) {
      // RFC 1421 headers (traditional encrypted keys): "Name: value" lines before a blank line.
      const lines = body.split(/\r\n|\r|\n/);
      let i = 0;
      while (i < lines.length && lines[i]!.trim() === '') i++;
      while (i < lines.length && lines[i]!.includes(':')) {
        const line = lines[i]!;
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
        i++;
      }
      body = lines.slice(i).join('\n');
    }
    const der = decodeBase64(body);
    if (!der) throw new DomainError('MALFORMED', `PEM block ${index} (${label}) is damaged: its content is not valid Base64.`);
    blocks.push({ label, headers, der, index });
    pos = end + endMarker.length;
  }
  return blocks;
}

/** PEM text for DER bytes: 64-character lines, "\n" line endings, trailing newline. */
export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const base64 = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');
  let body = '';
  for (let i = 0; i < base64.length; i += 64) body += `${base64.slice(i, i + 64)}\n`;
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}
