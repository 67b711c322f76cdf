import { forbiddenAddressReason } from './address-policy';

describe('webhook address policy', () => {
  it.each([
    '10.0.0.1', '172.16.5.4', '192.168.1.1', '127.0.0.1', '127.5.5.5', '169.254.169.254', '0.0.0.0', '100.64.0.1', '224.0.0.1', '255.255.255.255',
    '::1', '::', 'fe80::1', 'fe80::1%eth0', 'fd00::1', 'fc12::3', 'ff02::1', '::ffff:10.0.0.1', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe', '::127.0.0.1', '::7f00:1', '::a00:1', '::a9fe:a9fe',
    '0:0:0:0:0:ffff:7f00:1', '::FFFF:7F00:1',
  ])('refuses %s', (address) => {
    expect(forbiddenAddressReason(address)).toMatch(/private, loopback, link-local or reserved/);
  });

  it.each([
    ['NAT64 (64:ff9b::/96) of 10.0.0.5', '64:ff9b::a00:5'],
    ['NAT64 of 169.254.169.254', '64:ff9b::a9fe:a9fe'],
    ['NAT64 of 127.0.0.1, dotted', '64:ff9b::127.0.0.1'],
    ['6to4 (2002::/16) of 127.0.0.1', '2002:7f00:1::'],
    ['6to4 of 169.254.169.254', '2002:a9fe:a9fe:1::5'],
    ['site-local (fec0::/10)', 'fec0::1'],
    ['site-local, top of the range', 'feff:ffff::1'],
    ['IPv4-translated (::ffff:0:0/96) of 127.0.0.1', '::ffff:0:7f00:1'],
    ['IPv4-translated of 10.1.2.3, dotted', '::ffff:0:10.1.2.3'],
  ])('refuses %s: %s', (_form, address) => {
    expect(forbiddenAddressReason(address)).toMatch(/private, loopback, link-local or reserved/);
  });

  it.each([
    '93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8',
    '64:ff9b::808:808', '2002:808:808::1', '::ffff:0:808:808', 'fe00::1', '2001:4860:4860::8888',
  ])('allows %s', (address) => {
    expect(forbiddenAddressReason(address)).toBeNull();
  });

  it('says a name is not an address', () => {
    expect(forbiddenAddressReason('example.com')).toMatch(/not an IP address/);
  });
});
