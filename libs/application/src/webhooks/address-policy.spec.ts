import { forbiddenAddressReason } from './address-policy';

describe('webhook address policy', () => {
  it.each([
    '10.0.0.1', '172.16.5.4', '192.168.1.1', '127.0.0.1', '127.5.5.5', '169.254.169.254', '0.0.0.0', '100.64.0.1', '224.0.0.1', '255.255.255.255',
    '::1', '::', 'fe80::1', 'fd00::1', 'fc12::3', 'ff02::1', '::ffff:10.0.0.1', '::ffff:127.0.0.1', '::ffff:a9fe:a9fe', '::127.0.0.1', '::7f00:1', '::a00:1', '::a9fe:a9fe',
  ])('refuses %s', (address) => {
    expect(forbiddenAddressReason(address)).toMatch(/private, loopback, link-local or reserved/);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows %s', (address) => {
    expect(forbiddenAddressReason(address)).toBeNull();
  });

  it('says a name is not an address', () => {
    expect(forbiddenAddressReason('example.com')).toMatch(/not an IP address/);
  });
});
