// One build for everything that ships in app/dist: renderer, Electron main, preload, the gateway entry and the CLI.
// Every pure-JS dependency is bundled (app/package.json needs no dependencies); only Electron and
// Node's built-ins stay external.
import { builtinModules } from 'node:module';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}app/dist`;
/** zod's sources carry #__PURE__ comments Rollup cannot place; harmless, and noise in every build. */
const onwarn = (warning, warn) => {
  if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
};
const external = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** A bundle for Node or Electron's main/preload side. */
function nodeTarget({ entry, dir, fileName, format, banner }) {
  return {
    root,
    configFile: false,
    logLevel: 'warn',
    resolve: { conditions: ['node', 'import', 'default'], mainFields: ['module', 'main'] },
    ssr: { noExternal: true, target: 'node' },
    build: {
      ssr: entry,
      outDir: `${outDir}/${dir}`,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      sourcemap: true,
      reportCompressedSize: false,
      rollupOptions: {
        external,
        onwarn,
        output: { format, entryFileNames: fileName, banner, inlineDynamicImports: true },
      },
    },
  };
}

const started = Date.now();
rmSync(outDir, { recursive: true, force: true });
await build({
  root: `${root}renderer`,
  configFile: false,
  logLevel: 'warn',
  base: './',
  plugins: [react()],
  build: { outDir: `${outDir}/renderer`, emptyOutDir: true, target: 'es2022', reportCompressedSize: false, chunkSizeWarningLimit: 4096, rollupOptions: { onwarn } },
});
await build(nodeTarget({ entry: 'main/electron/main.ts', dir: 'main', fileName: 'index.js', format: 'es' }));
await build(nodeTarget({ entry: 'main/electron/preload.ts', dir: 'preload', fileName: 'index.cjs', format: 'cjs' }));
await build(nodeTarget({ entry: 'main/gateway/gateway-entry.ts', dir: 'gateway', fileName: 'entry.js', format: 'es' }));
await build(nodeTarget({ entry: 'main/cli/main.ts', dir: 'cli', fileName: 'certmapper.js', format: 'es', banner: '#!/usr/bin/env node' }));
console.log(`CertMapper built into app/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
