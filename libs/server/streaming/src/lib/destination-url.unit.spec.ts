import { allowPrivateDestinations, destinationUrlProblem, isPrivateAddress, refusedAddress } from './destination-url';

describe('destinationUrlProblem', () => {
  it.each([
    ['https://siem.example.com/in', undefined],
    ['http://93.184.216.34:8080/hook', undefined],
    ['ftp://siem.example.com/in', 'must be an http or https URL'],
    ['not a url', 'must be an absolute URL'],
    ['https://user:pw@siem.example.com/', 'must not carry credentials'],
    ['http://127.0.0.1:9000/', 'must not point at a loopback or private address'],
    ['http://localhost/', 'must not point at a loopback or private address'],
    ['http://10.1.2.3/', 'must not point at a loopback or private address'],
    ['http://169.254.169.254/latest/meta-data', 'must not point at a loopback or private address'],
    ['http://[::1]:80/', 'must not point at a loopback or private address'],
    ['http://[::ffff:192.168.0.1]/', 'must not point at a loopback or private address'],
  ])('%s → %s', (url, problem) => {
    expect(destinationUrlProblem(url, false)).toBe(problem);
  });

  it('allows loopback and private hosts when the flag allows them, but never another scheme', () => {
    expect(destinationUrlProblem('http://127.0.0.1:9000/', true)).toBeUndefined();
    expect(destinationUrlProblem('file:///etc/passwd', true)).toBe('must be an http or https URL');
  });
});

describe('private addresses', () => {
  it('tells private from public addresses', () => {
    expect(['127.0.0.1', '172.20.0.1', 'fd00::1', 'fe80::1', '0.0.0.0'].map(isPrivateAddress)).toEqual([true, true, true, true, true]);
    expect(['8.8.8.8', '2606:4700::1111'].map(isPrivateAddress)).toEqual([false, false]);
  });

  it('refuses a name that resolves to loopback at delivery time', async () => {
    expect(await refusedAddress('http://localhost:1234/', false)).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect(await refusedAddress('http://localhost:1234/', true)).toBeUndefined();
  });

  it('reads the flag from the environment', () => {
    expect(allowPrivateDestinations({ TRAILMARK_STREAMING_ALLOW_PRIVATE: 'true' })).toBe(true);
    expect(allowPrivateDestinations({})).toBe(false);
  });
});
