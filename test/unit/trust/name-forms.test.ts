import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../../main/services/trust/bounded-cache';
import { dnMatches, dnsMatches, emailMatches, ipMatches, isValidEmailConstraint, isValidIpConstraint, uriHost, uriMatches } from '../../../main/services/trust/name-forms';

describe('name-constraint forms (RFC 5280 4.2.1.10)', () => {
  it('matches DNS names by whole labels, and wildcards only when they stay inside (CVE-2025-61727)', () => {
    expect(dnsMatches('host.example.com', 'example.com', false)).toBe(true);
    expect(dnsMatches('EXAMPLE.com', 'example.COM', false)).toBe(true);
    expect(dnsMatches('badexample.com', 'example.com', false)).toBe(false);
    expect(dnsMatches('*.example.com', 'foo.example.com', false)).toBe(false);
    expect(dnsMatches('*.example.com', 'bar.example.com', true)).toBe(true);
    expect(dnsMatches('anything.test', '', false)).toBe(true);
  });

  it('matches mailboxes exactly, hosts exactly, and ".domain" below the domain', () => {
    expect(emailMatches('alice@example.test', 'example.test')).toBe(true);
    expect(emailMatches('alice@sub.example.test', 'example.test')).toBe(false);
    expect(emailMatches('alice@sub.example.test', '.example.test')).toBe(true);
    expect(emailMatches('*@example.test', '*@example.test')).toBe(true);
    expect(emailMatches('user@example.test', '*@example.test')).toBe(false);
    expect(isValidEmailConstraint('@example.test')).toBe(false);
  });

  it('matches URIs by host, IP addresses by mask, directory names by leading RDNs', () => {
    expect(uriHost('https://user@Host.Example.test:8443/path')).toBe('host.example.test');
    expect(uriHost('urn:isbn:123')).toBeNull();
    expect(uriMatches('a.example.test', '.example.test')).toBe(true);
    expect(ipMatches(Uint8Array.of(192, 0, 2, 7), Uint8Array.of(192, 0, 2, 0, 255, 255, 255, 0))).toBe(true);
    expect(ipMatches(Uint8Array.of(192, 0, 3, 7), Uint8Array.of(192, 0, 2, 0, 255, 255, 255, 0))).toBe(false);
    expect(isValidIpConstraint(Uint8Array.of(10, 0, 0, 0, 255, 0, 255, 0))).toBe(false);
    expect(dnMatches(['c=us', 'o=corp', 'cn=alice'], ['c=us', 'o=corp'])).toBe(true);
    expect(dnMatches(['c=us', 'cn=alice'], ['c=us', 'o=corp'])).toBe(false);
  });
});

describe('BoundedCache', () => {
  it('forgets the least recently used entry beyond its limit', () => {
    const cache = new BoundedCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.size]).toEqual([1, 3, 2]);
  });
});
