import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root and the built CLI that `npm install` leaves behind. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI_PATH = resolve(PROJECT_ROOT, 'app/dist/cli/certmapper.js');
