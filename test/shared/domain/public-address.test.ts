import { describe, expect, it } from 'vitest';
import { publicAddressProblem } from '../../../shared/domain/public-address.js';

/** Expected from the IANA special-purpose registries (RFC 1918, 3927, 5737, 6598, 4193, 3849), not from the code. */
describe('a production CLIENTIP must be a public IPv4 address', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'],
    ['169.254.1.1', 'link_local'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::1', 'loopback'],
    ['fd12:3456::1', 'unique_local'],
    ['fe80::1', 'link_local'],
    ['2001:db8::1', 'documentation'],
    ['2a01:cb00::1', 'not_ipv4'],
    ['010.1.1.1', 'not_ipv4'],
    ['1.2.3', 'not_ipv4'],
    ['256.1.1.1', 'not_ipv4'],
  ])('%s is refused as %s', (address, problem) => {
    expect(publicAddressProblem(address)).toBe(problem);
  });

  it.each(['8.8.8.8', '81.2.69.160', '172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1', '192.169.0.1', '203.0.114.7'])(
    '%s is public',
    (address) => {
      expect(publicAddressProblem(address)).toBeUndefined();
    },
  );
});
