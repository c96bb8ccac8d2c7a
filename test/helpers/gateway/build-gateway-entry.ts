import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { PROJECT_ROOT } from '../paths';
import { makeTempDir } from '../temp-dir';

const CACHE_DIR = join(tmpdir(), 'certmapper-gateway-entry');
const DAY_MS = 86_400_000;
let built: Promise<URL> | undefined;

/** Every TypeScript file under `dir`, sorted (the entry bundles from main/ and shared/). */
function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** A fingerprint of what the bundle is made of: the sources and the locked dependencies. */
function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of [...sources(join(PROJECT_ROOT, 'main')), ...sources(join(PROJECT_ROOT, 'shared')), join(PROJECT_ROOT, 'package-lock.json')]) {
    hash.update(relative(PROJECT_ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 24);
}

async function bundle(outFile: string): Promise<void> {
  const out = makeTempDir('certmapper-gateway-entry-');
  try {
    await build({
      root: PROJECT_ROOT,
      configFile: false,
      logLevel: 'warn',
      resolve: { conditions: ['node', 'import', 'default'], mainFields: ['module', 'main'] },
      ssr: { noExternal: true, target: 'node' },
      build: {
        ssr: join(PROJECT_ROOT, 'main/gateway/gateway-entry.ts'),
        outDir: out.path,
        emptyOutDir: false,
        target: 'node20',
        minify: false,
        sourcemap: 'inline',
        reportCompressedSize: false,
        rollupOptions: {
          external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
          onwarn: (warning, warn) => (warning.code === 'INVALID_ANNOTATION' ? undefined : warn(warning)),
          output: { format: 'es', entryFileNames: 'entry.mjs', inlineDynamicImports: true },
        },
      },
    });
    // Rename is atomic: test files building the same sources at once each put a whole file in place.
    renameSync(join(out.path, 'entry.mjs'), outFile);
  } finally {
    out.cleanup();
  }
}

/**
 * The gateway entry bundled from its TypeScript source, the way scripts/build.mjs bundles the other
 * Node entries (vite SSR build, every dependency inlined, built-ins external), so the tests run the
 * real gateway process. Cached in the temp folder by a hash of the sources: test files share it.
 */
export function buildGatewayEntry(): Promise<URL> {
  built ??= (async () => {
    mkdirSync(CACHE_DIR, { recursive: true });
    const file = join(CACHE_DIR, `entry-${sourceHash()}.mjs`);
    if (!existsSync(file)) {
      await bundle(file);
      // Bundles of older sources are dropped after a day (another checkout may still be using a recent one).
      for (const name of readdirSync(CACHE_DIR)) {
        const other = join(CACHE_DIR, name);
        try {
          if (other !== file && Date.now() - statSync(other).mtimeMs > DAY_MS) rmSync(other, { force: true });
        } catch {
          // Removed by a concurrent run meanwhile.
        }
      }
    }
    return pathToFileURL(file);
  })();
  return built;
}
