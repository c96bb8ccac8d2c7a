import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isJsonObject } from './json-document';

/** The vault's file in the data folder. */
export const VAULT_FILE_NAME = 'vault.json';

/** Secrets are private to the account that runs CertMapper. */
export const VAULT_FILE_MODE = 0o600;

const FORMAT_VERSION = 1;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** vault.json's text: `{"version":1,"secrets":{"<id>":"<base64 of the sealed value>"}}`. */
export function serializeVaultFile(secrets: ReadonlyMap<string, string>): string {
  return JSON.stringify({ version: FORMAT_VERSION, secrets: Object.fromEntries(secrets) });
}

/** Parse vault.json's text into id -> base64 sealed value; throws an Error whose message says what is wrong. */
export function parseVaultFile(text: string): Map<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(text.trim() === '' ? 'the file is empty' : (error as Error).message);
  }
  if (!isJsonObject(value) || value.version !== FORMAT_VERSION || !isJsonObject(value.secrets)) {
    throw new Error(`it is not a version ${FORMAT_VERSION} vault file`);
  }
  const secrets = new Map<string, string>();
  for (const [id, sealed] of Object.entries(value.secrets)) {
    if (typeof sealed !== 'string' || !BASE64.test(sealed)) throw new Error(`the value of "${id}" is not base64`);
    secrets.set(id, sealed);
  }
  return secrets;
}

/** The sealed values in `<dir>/vault.json`, or undefined when there is no readable vault there. */
export function readSealedValues(dir: string): Uint8Array[] | undefined {
  try {
    const secrets = parseVaultFile(readFileSync(join(dir, VAULT_FILE_NAME), 'utf8'));
    return [...secrets.values()].map((sealed) => Buffer.from(sealed, 'base64'));
  } catch {
    return undefined;
  }
}
