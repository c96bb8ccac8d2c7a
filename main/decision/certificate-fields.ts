import type { NameField } from '../../shared/models/certificate';
import type { DecodedCertificate } from '../services/certificates/codec';

/** The presented certificate as many-to-one rules read it: parsed facts, and the issuer found in the chain. */
export interface CertificateView {
  readonly decoded: DecodedCertificate;
  /** SHA-256 of the issuing CA certificate as found in the chain, or null when none was found. */
  issuerSha256(): string | null;
}

/** How one rule field (subject.CN, san.email, serial, ...) reads its values from a certificate. */
export interface FieldReader {
  /** The field as traces show it, with aliases resolved (subject.ST -> subject.S). */
  readonly name: string;
  /** Hex values (serial, issuer.sha256): compared case-insensitively whatever the rule says. */
  readonly hex: boolean;
  /** A small number per field name, so per-certificate memos are arrays, not maps (see FieldValues). */
  readonly slot: number;
  read(view: CertificateView): readonly string[];
}

type Reader = Omit<FieldReader, 'slot'>;

// Field name -> slot; as many entries as distinct field names ever compiled (a few dozen).
const slots = new Map<string, number>();

function withSlot(reader: Reader): FieldReader {
  let slot = slots.get(reader.name);
  if (slot === undefined) slots.set(reader.name, (slot = slots.size));
  return { ...reader, slot };
}

// IIS and OpenSSL spellings of the codec's short types (oids.ts NAME_ATTRIBUTES), upper-cased.
const NAME_ALIASES: Record<string, string> = {
  ST: 'S',
  EMAIL: 'E',
  EMAILADDRESS: 'E',
  G: 'GN',
  GIVENNAME: 'GN',
  SURNAME: 'SN',
  TITLE: 'T',
  INITIALS: 'I',
};

const SAN_TYPES = new Set(['email', 'dns', 'upn', 'uri', 'ip']);

/** A reader of DN attributes: by short type (case-insensitive, aliases) or by dotted OID. */
function nameReader(side: 'subject' | 'issuer', attribute: string): Reader {
  const isOid = /^\d+(\.\d+)+$/.test(attribute);
  const upper = attribute.toUpperCase();
  const type = (NAME_ALIASES[upper] ?? upper).toUpperCase();
  const shown = isOid ? attribute : (NAME_ALIASES[upper] ?? attribute);
  const pick = (fields: readonly NameField[]) =>
    fields.filter((f) => (isOid ? f.oid === attribute : f.type.toUpperCase() === type)).map((f) => f.value);
  return {
    name: `${side}.${shown}`,
    hex: false,
    // Values come from the parsed attributes, never from the DN string (spec section 3: no OU forgery).
    read: (view) => pick(side === 'subject' ? view.decoded.facts.subjectFields : view.decoded.facts.issuerFields),
  };
}

/**
 * Compile a rule's field name once per snapshot; null for a field this engine does not know (the
 * schema refuses those, so an old config that has one simply matches nothing).
 */
export function compileField(field: string): FieldReader | null {
  const reader = compileReader(field);
  return reader && withSlot(reader);
}

function compileReader(field: string): Reader | null {
  if (field === 'serial') return { name: field, hex: true, read: (view) => [view.decoded.summary.serial] };
  if (field === 'issuer.sha256') {
    return { name: field, hex: true, read: (view) => { const sha = view.issuerSha256(); return sha ? [sha] : []; } };
  }
  if (field === 'eku') {
    // Either spelling matches: the OID or the codec's friendly name (clientAuth).
    return { name: field, hex: false, read: (view) => view.decoded.facts.extendedKeyUsage.flatMap((e) => (e.name && e.name !== e.oid ? [e.oid, e.name] : [e.oid])) };
  }
  if (field === 'policy') return { name: field, hex: false, read: (view) => view.decoded.facts.policies };
  const san = /^san\.([a-z]+)$/.exec(field);
  if (san) {
    const type = san[1] as string;
    if (!SAN_TYPES.has(type)) return null;
    return { name: field, hex: false, read: (view) => view.decoded.facts.subjectAltNames.filter((s) => s.type === type).map((s) => s.value) };
  }
  const name = /^(subject|issuer)\.([A-Za-z0-9.]+)$/.exec(field);
  if (name) return nameReader(name[1] as 'subject' | 'issuer', name[2] as string);
  return null;
}

/**
 * One certificate's rule field values, each read once and, for case-insensitive rules, lower-cased
 * once: a site with a thousand rules on subject.OU reads the OU values once, not a thousand times.
 */
export class FieldValues {
  private readonly raw: (readonly string[] | undefined)[] = [];
  private readonly lower: (readonly string[] | undefined)[] = [];

  constructor(readonly view: CertificateView) {}

  /** The values as the certificate has them (what traces show). */
  of(reader: FieldReader): readonly string[] {
    return (this.raw[reader.slot] ??= reader.read(this.view));
  }

  /** The values lower-cased, as a case-insensitive pattern (compiled lower-cased) compares them. */
  folded(reader: FieldReader): readonly string[] {
    return (this.lower[reader.slot] ??= this.of(reader).map((v) => v.toLowerCase()));
  }
}
