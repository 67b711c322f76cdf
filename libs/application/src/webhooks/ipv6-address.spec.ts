import { ipv4OfGroups, ipv6Groups } from './ipv6-address';

describe('IPv6 address groups', () => {
  it.each([
    ['::', [0, 0, 0, 0, 0, 0, 0, 0]],
    ['::1', [0, 0, 0, 0, 0, 0, 0, 1]],
    ['2002:7f00:1::', [0x2002, 0x7f00, 1, 0, 0, 0, 0, 0]],
    ['64:ff9b::a00:5', [0x64, 0xff9b, 0, 0, 0, 0, 0xa00, 5]],
    ['fe80::1:2%eth0', [0xfe80, 0, 0, 0, 0, 0, 1, 2]],
    ['::ffff:0:10.1.2.3', [0, 0, 0, 0, 0xffff, 0, 0x0a01, 0x0203]],
    ['1:2:3:4:5:6:7:8', [1, 2, 3, 4, 5, 6, 7, 8]],
    ['1:2:3::7:8', [1, 2, 3, 0, 0, 0, 7, 8]],
    ['ABCD:EF01::', [0xabcd, 0xef01, 0, 0, 0, 0, 0, 0]],
  ])('reads %s', (text, groups) => {
    expect(ipv6Groups(text)).toEqual(groups);
  });

  it.each(['127.0.0.1', 'example.com', '1:2:3', '1::2::3', ''])('is null for %s, not an IPv6 address', (text) => {
    expect(ipv6Groups(text)).toBeNull();
  });

  it('writes two groups as the IPv4 address they hold', () => {
    expect(ipv4OfGroups(0xa9fe, 0xa9fe)).toBe('169.254.169.254');
  });
});
