import type { Binding } from '../../../shared/models/site';

/** A host for a URL: an IPv6 literal goes in brackets; '*' (all addresses) is reached on localhost. */
function urlHost(binding: Binding): string {
  if (binding.host) return binding.host;
  if (binding.address === '*') return 'localhost';
  return binding.address.includes(':') ? `[${binding.address}]` : binding.address;
}

/** A binding as IIS's Site Bindings list shows it: "https *:443 (shop.example)". */
export function describeBinding(binding: Binding): string {
  const address = binding.address === '*' ? '*' : binding.address.includes(':') ? `[${binding.address}]` : binding.address;
  return `${binding.protocol} ${address}:${binding.port}${binding.host ? ` (${binding.host})` : ''}`;
}

/** The URL IIS's "Browse" opens: the first https binding (else the first binding), at the folder's path. */
export function browseUrl(bindings: readonly Binding[], path: string | null): string | null {
  const binding = bindings.find((b) => b.protocol === 'https') ?? bindings[0];
  if (!binding) return null;
  const defaultPort = binding.protocol === 'https' ? 443 : 80;
  const port = binding.port === defaultPort ? '' : `:${binding.port}`;
  const encodedPath = (path ?? '/').split('/').map(encodeURIComponent).join('/');
  return `${binding.protocol}://${urlHost(binding)}${port}${encodedPath}`;
}
