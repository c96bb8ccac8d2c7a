// `npm start`: the Electron console when its binary can run here; otherwise the same services with
// the web console on 127.0.0.1, saying why.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const extraArgs = process.argv.slice(2);

if (!existsSync(`${root}app/dist/cli/certmapper.js`)) {
  console.log('app/dist is missing: building first (npm run build).');
  if (spawnSync(process.execPath, [`${root}scripts/build.mjs`], { stdio: 'inherit' }).status !== 0) process.exit(1);
}

/** The Electron binary's path, or the reason it cannot be used on this machine. */
function findElectron() {
  const resolve = () => {
    try {
      return { path: require('electron') };
    } catch (error) {
      return { why: error.message.split('\n')[0] };
    }
  };
  let found = resolve();
  if (found.why && existsSync(`${root}node_modules/electron/install.js`)) {
    // npm's allowScripts keeps the download out of `npm install`; fetch the binary on first start instead.
    console.log('The Electron binary is not installed yet: trying to fetch it...');
    const fetched = spawnSync(process.execPath, [`${root}node_modules/electron/install.js`], { encoding: 'utf8', timeout: 120_000 });
    const reason = `${fetched.stderr ?? ''}`.split('\n').find((line) => /error/i.test(line))?.trim() ?? 'no network';
    found = fetched.status === 0 ? resolve() : { why: `the Electron binary could not be downloaded (${reason})` };
  }
  if (found.path && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { why: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  }
  return found;
}

const electron = findElectron();
if (electron.path) {
  const child = spawn(electron.path, [`${root}app`, ...extraArgs], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const why = `The desktop window cannot open here: ${electron.why}. Starting the same services with the web console instead.`;
  const args = [`${root}app/dist/cli/certmapper.js`, 'serve', '--console-port', process.env.CERTMAPPER_CONSOLE_PORT ?? '0', ...extraArgs];
  console.log(why);
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
