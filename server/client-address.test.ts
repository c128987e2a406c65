import { describe, expect, it } from 'vitest';
import { clientAddressOf, normaliseAddress, parseTrustedProxies } from './client-address.mjs';

describe('the client address', () => {
  it('is the connection’s own when no proxy is trusted: X-Forwarded-For is whatever the client wrote', () => {
    const none = parseTrustedProxies(undefined);
    expect(clientAddressOf('::ffff:192.0.2.1', '198.51.100.7', none)).toBe('192.0.2.1');
    expect(clientAddressOf('192.0.2.1', ['1.1.1.1', '2.2.2.2'], none)).toBe('192.0.2.1');
    expect(parseTrustedProxies('')).toEqual({ kind: 'none' });
    expect(parseTrustedProxies('0')).toEqual({ kind: 'none' });
  });

  it('with n proxies in front, is the n-th address from the right of the chain', () => {
    const one = parseTrustedProxies('1');
    expect(clientAddressOf('10.0.0.1', '198.51.100.7', one)).toBe('198.51.100.7');
    // A client prepends what it likes; the proxy appends what it saw.
    expect(clientAddressOf('10.0.0.1', '6.6.6.6, 198.51.100.7', one)).toBe('198.51.100.7');
    expect(clientAddressOf('10.0.0.2', ['6.6.6.6', '198.51.100.8, 10.0.0.1'], parseTrustedProxies('2'))).toBe('198.51.100.8');
    // A proxy that did not append: never further left than the chain goes.
    expect(clientAddressOf('10.0.0.1', undefined, one)).toBe('10.0.0.1');
    expect(clientAddressOf('10.0.0.1', 'not-an-address', one)).toBe('unknown');
  });

  it('with a list of proxies, is the right-most address that is not one of them', () => {
    const list = parseTrustedProxies('10.0.0.0/8, 2001:db8::/32,192.0.2.5');
    expect(clientAddressOf('10.1.2.3', '198.51.100.7, 10.9.9.9', list)).toBe('198.51.100.7');
    expect(clientAddressOf('192.0.2.5', '6.6.6.6, 198.51.100.7', list)).toBe('198.51.100.7');
    expect(clientAddressOf('2001:db8::1', '2001:DB8::2, 2600::1', list)).toBe('2600::1');
    // Not from a trusted proxy at all: its X-Forwarded-For counts for nothing.
    expect(clientAddressOf('203.0.113.9', '198.51.100.7', list)).toBe('203.0.113.9');
    expect(clientAddressOf('10.0.0.1', '10.0.0.2', list)).toBe('10.0.0.2');
  });

  it('refuses a setting it cannot read, naming it', () => {
    for (const bad of ['abc', '10.0.0.0/33', '300.1.1.1', '10.0.0.0/8/1', '21', '::1/129']) expect(() => parseTrustedProxies(bad), bad).toThrow(/TRUSTED_PROXIES/);
  });

  it('normalises addresses', () => {
    expect(normaliseAddress('::FFFF:127.0.0.1')).toBe('127.0.0.1');
    expect(normaliseAddress('[2001:db8::1]')).toBe('2001:db8::1');
    expect(normaliseAddress('example.com')).toBeNull();
    expect(normaliseAddress(undefined)).toBeNull();
  });
});
