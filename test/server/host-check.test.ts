/** The Host check (DNS rebinding): which names and ports a server bound to an address answers to. */
import { describe, expect, it } from 'vitest';
import { isAllowedHost } from '../../electron/server/guards.ts';
import { bearerToken, tokensEqual } from '../../electron/server/token.ts';

describe('isAllowedHost', () => {
  it('loopback: 127.0.0.1, localhost and [::1] on the bound port only', () => {
    expect(isAllowedHost('127.0.0.1:3000', '127.0.0.1', 3000)).toBe(true);
    expect(isAllowedHost('localhost:3000', '127.0.0.1', 3000)).toBe(true);
    expect(isAllowedHost('LOCALHOST:3000', '127.0.0.1', 3000)).toBe(true);
    expect(isAllowedHost('[::1]:3000', '127.0.0.1', 3000)).toBe(true);
    expect(isAllowedHost('127.0.0.1:3001', '127.0.0.1', 3000)).toBe(false);
    expect(isAllowedHost('127.0.0.1', '127.0.0.1', 3000)).toBe(false);
    expect(isAllowedHost('127.0.0.1', '127.0.0.1', 80)).toBe(true);
  });

  it('refuses DNS names, look-alikes and malformed values', () => {
    for (const host of [
      'evil.example:3000',
      'localhost.evil.example:3000',
      '127.0.0.1.nip.io:3000',
      'localhost:3000@evil',
      '',
      ' ',
      'a:b:c',
      '[::1',
      undefined,
    ]) {
      expect(isAllowedHost(host, '127.0.0.1', 3000), String(host)).toBe(false);
    }
  });

  it('IPv6 loopback binding', () => {
    expect(isAllowedHost('[::1]:4000', '::1', 4000)).toBe(true);
    expect(isAllowedHost('localhost:4000', '::1', 4000)).toBe(true);
    expect(isAllowedHost('evil:4000', '::1', 4000)).toBe(false);
  });

  it('a wildcard binding answers to IP literals but never to DNS names', () => {
    expect(isAllowedHost('192.168.1.20:3000', '0.0.0.0', 3000)).toBe(true);
    expect(isAllowedHost('localhost:3000', '0.0.0.0', 3000)).toBe(true);
    expect(isAllowedHost('my-laptop.lan:3000', '0.0.0.0', 3000)).toBe(false);
  });

  it('a specific address answers to that address (and not to loopback names)', () => {
    expect(isAllowedHost('192.168.1.20:3000', '192.168.1.20', 3000)).toBe(true);
    expect(isAllowedHost('localhost:3000', '192.168.1.20', 3000)).toBe(false);
  });
});

describe('token helpers', () => {
  it('reads only a Bearer token and compares exactly', () => {
    expect(bearerToken('Bearer abc123')).toBe('abc123');
    expect(bearerToken('bearer abc123')).toBe('abc123');
    expect(bearerToken('Basic abc123')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
    expect(tokensEqual('secret-token', 'secret-token')).toBe(true);
    expect(tokensEqual('secret-token', 'secret-tokem')).toBe(false);
    expect(tokensEqual('secret', 'secret-token')).toBe(false);
  });
});
