import { parseCliOptions, UsageError } from './cli-options';

const seed = () => 99;

describe('parseCliOptions', () => {
  it('reads every option, in both spellings', () => {
    expect(parseCliOptions(['--url', 'http://localhost:3000', '--key=tmk_1', '--rate', '50', '--duration=0', '--seed', '7'], {}, seed)).toEqual({
      url: 'http://localhost:3000',
      apiKey: 'tmk_1',
      rate: 50,
      durationSeconds: 0,
      seed: 7,
    });
  });

  it('takes the URL and key from the environment, with defaults for the rest', () => {
    expect(parseCliOptions([], { TRAILMARK_URL: 'https://trailmark.example.com', TRAILMARK_API_KEY: 'tmk_2' }, seed)).toEqual({
      url: 'https://trailmark.example.com',
      apiKey: 'tmk_2',
      rate: 20,
      durationSeconds: 60,
      seed: 99,
    });
  });

  it('prefers arguments over the environment', () => {
    expect(parseCliOptions(['--key', 'tmk_arg'], { TRAILMARK_URL: 'http://a', TRAILMARK_API_KEY: 'tmk_env' }, seed)).toMatchObject({ apiKey: 'tmk_arg' });
  });

  it('asks for help', () => {
    expect(parseCliOptions(['--help'], {}, seed)).toBe('help');
  });

  it.each([
    [['--key', 'k'], /--url/],
    [['--url', 'localhost:3000', '--key', 'k'], /--url/],
    [['--url', 'http://a'], /--key/],
    [['--url', 'http://a', '--key', 'k', '--rate', '0'], /--rate/],
    [['--url', 'http://a', '--key', 'k', '--rate', 'fast'], /--rate/],
    [['--url', 'http://a', '--key', 'k', '--duration', '-1'], /--duration/],
    [['--url', 'http://a', '--key', 'k', '--seed', '1.5'], /--seed/],
    [['--url', 'http://a', '--key', 'k', '--verbose'], /Unknown argument --verbose/],
    [['--url', 'http://a', '--key'], /--key needs a value/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCliOptions(argv, {}, seed)).toThrow(UsageError);
    expect(() => parseCliOptions(argv, {}, seed)).toThrow(message);
  });
});
