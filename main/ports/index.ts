export type { ConfigStore } from './config-store';
export type { SecretVault } from './secret-vault';
export type { Clock } from './clock';
export { systemClock } from './clock';
