import { homedir } from 'node:os';
import { join } from 'node:path';

/** The folder Electron's app.getPath('userData') gives for productName "CertMapper", so both share data. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.CERTMAPPER_DATA) return env.CERTMAPPER_DATA;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'CertMapper');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'CertMapper');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'CertMapper');
}
