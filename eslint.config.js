// Lint enforces the layers (architecture.md): renderer never imports main or Node; shared imports
// neither main nor renderer; services never import electron; raw ipcMain/ipcRenderer only in the shell.
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'http', 'https', 'net', 'tls', 'url'];

export default tseslint.config(
  { ignores: ['app/dist/**', 'node_modules/**', '.tsbuild/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs', 'eslint.config.js', 'app/bin/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/main/**', '../main/*', '../../main/*'], message: 'The renderer never imports main: use the IPC contract in shared/ipc.' },
          { group: [...nodeBuiltins, 'electron'], message: 'The renderer has no Node or Electron: go through the contract.' },
        ],
      }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/main/**', '**/renderer/**', '../main/*', '../renderer/*'], message: 'shared imports neither main nor renderer.' },
          { group: [...nodeBuiltins, 'electron'], message: 'shared is platform-free: no Node, no Electron.' },
        ],
      }],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron-store', '**/electron/**', '../electron/*'], message: 'Services run under plain Node: only main/electron/ may import Electron.' },
          { group: ['**/renderer/**'], message: 'main never imports the renderer.' },
        ],
      }],
    },
  },
  {
    files: ['main/electron/**/*.ts'],
    ignores: ['main/electron/ipc-transport.ts', 'main/electron/preload.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "ImportSpecifier[imported.name=/^ipc(Main|Renderer)$/]",
        message: 'Raw ipcMain/ipcRenderer only in ipc-transport.ts and preload.ts, where every message is checked.',
      }],
    },
  },
);
