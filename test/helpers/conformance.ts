import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The team's public conformance suites, read in place beside the project (never copied in). */
export const CONFORMANCE_DIR = resolve(here, '../../../shared/conformance');

export function conformancePath(...parts: string[]): string {
  const path = join(CONFORMANCE_DIR, ...parts);
  if (!existsSync(path)) {
    throw new Error(`Conformance data missing: ${path} (expected ../shared/conformance beside the project)`);
  }
  return path;
}
