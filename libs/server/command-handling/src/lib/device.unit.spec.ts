import { parseDevice } from './device';

describe('parseDevice', () => {
  it.each([
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1', { type: 'mobile', os: 'iOS 17.0', browser: 'Mobile Safari 17' }],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36', { type: 'desktop', os: 'Windows 10', browser: 'Chrome 126' }],
    ['curl/8.5.0', { type: 'unknown', os: 'Unknown', browser: 'Unknown' }],
  ])('parses %s', (userAgent, device) => {
    expect(parseDevice(userAgent)).toEqual(device);
  });

  it('gives no device without a user agent', () => {
    expect(parseDevice(undefined)).toBeUndefined();
  });
});

describe('parseDevice cache', () => {
  it('answers a repeated user agent with the same parsed device', () => {
    const agent = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
    expect(parseDevice(agent)).toBe(parseDevice(agent));
    expect(parseDevice(agent)).toEqual({ type: 'desktop', os: 'Linux', browser: 'Firefox 128' });
  });
});
