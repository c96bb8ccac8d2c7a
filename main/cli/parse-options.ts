import type { Binding } from '../../shared/models/site';
import { UsageError } from './cli-context';

/** `https://127.0.0.1:8443`, `http://*:80`, `https://[::1]:443` -> a binding (host from --host). */
export function parseBinding(text: string, host: string | null): Binding {
  const match = text.match(/^(https?):\/\/(\*|\[[0-9a-fA-F:.]+\]|[^:/\s]+):(\d{1,5})\/?$/);
  if (!match) throw new UsageError(`--bind must look like https://IP:PORT or http://IP:PORT (got ${text})`);
  const [, protocol, address, port] = match as unknown as [string, 'https' | 'http', string, string];
  const portNumber = Number(port);
  if (portNumber > 65535) throw new UsageError(`Port out of range in ${text}`);
  return {
    protocol,
    address: address.replace(/^\[|\]$/g, ''),
    port: portNumber,
    host: protocol === 'https' ? host : null,
    certificateSha256: null,
  };
}

/** `on`/`off` flags in appcmd's spirit. */
export function parseOnOff(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'on' || value === 'true') return true;
  if (value === 'off' || value === 'false') return false;
  throw new UsageError(`--${name} must be on or off`);
}

/** One of a fixed set of words, or a usage error naming them. */
export function parseChoice<T extends string>(name: string, value: string | undefined, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${choices.join(', ')}`);
  return value as T;
}
