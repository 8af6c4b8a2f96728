import { ConfigError } from './config-error';
import { loadConfig } from './load-config';

const cwd = '/srv/trailmark';

function errorFor(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env, { cwd });
  } catch (error) {
    if (error instanceof ConfigError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set', () => {
    expect(loadConfig({}, { cwd })).toEqual({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      eventStoreConnectionString: undefined,
      dataDir: '/srv/trailmark/.data',
      redisUrl: undefined,
      logLevel: 'info',
      embeddedPostgresPort: 54329,
      projections: true,
      ownerEmail: undefined,
      ownerPassword: undefined,
      lockoutThreshold: 5,
      retentionDays: undefined,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '127.0.0.1',
        DATABASE_URL: 'postgresql://app:secret@db:5432/trailmark',
        EVENTSTORE_CONNECTION_STRING: 'esdb+discover://admin:changeit@cluster.local:2113?tls=false',
        TRAILMARK_DATA_DIR: '/var/lib/trailmark',
        REDIS_URL: 'redis://redis:6379',
        LOG_LEVEL: 'DEBUG',
        TRAILMARK_EMBEDDED_PG_PORT: '6543',
        TRAILMARK_PROJECTIONS: 'off',
        TRAILMARK_OWNER_EMAIL: 'ada@example.com',
        TRAILMARK_OWNER_PASSWORD: 'correct horse battery',
        TRAILMARK_LOCKOUT_THRESHOLD: '7',
        TRAILMARK_RETENTION_DAYS: '400',
      },
      { cwd },
    );
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'postgresql://app:secret@db:5432/trailmark',
      eventStoreConnectionString: 'esdb+discover://admin:changeit@cluster.local:2113?tls=false',
      dataDir: '/var/lib/trailmark',
      redisUrl: 'redis://redis:6379',
      logLevel: 'debug',
      embeddedPostgresPort: 6543,
      projections: false,
      ownerEmail: 'ada@example.com',
      ownerPassword: 'correct horse battery',
      lockoutThreshold: 7,
      retentionDays: 400,
    });
  });

  it('resolves a relative data directory against the working directory', () => {
    expect(loadConfig({ TRAILMARK_DATA_DIR: 'state/local' }, { cwd }).dataDir).toBe('/srv/trailmark/state/local');
  });

  it('treats blank values as unset', () => {
    const config = loadConfig({ PORT: '  ', DATABASE_URL: '' }, { cwd });
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
  });

  it('accepts multi-node EventStoreDB strings and maps kurrentdb:// to the esdb scheme the client parses', () => {
    expect(
      loadConfig({ EVENTSTORE_CONNECTION_STRING: 'esdb://a:2113,b:2113,c:2113?tls=false' }, { cwd })
        .eventStoreConnectionString,
    ).toBe('esdb://a:2113,b:2113,c:2113?tls=false');
    expect(
      loadConfig({ EVENTSTORE_CONNECTION_STRING: 'kurrentdb+discover://cluster:2113' }, { cwd })
        .eventStoreConnectionString,
    ).toBe('esdb+discover://cluster:2113');
  });

  it.each([
    ['abc', 'PORT: must be an integer between 1 and 65535 (got "abc")'],
    ['0', 'PORT: must be an integer between 1 and 65535 (got "0")'],
    ['65536', 'PORT: must be an integer between 1 and 65535 (got "65536")'],
    ['80.5', 'PORT: must be an integer between 1 and 65535 (got "80.5")'],
  ])('rejects PORT=%s', (port, line) => {
    expect(errorFor({ PORT: port }).message).toContain(line);
  });

  it('lists every invalid variable at once, one line each', () => {
    const error = errorFor({
      PORT: 'abc',
      LOG_LEVEL: 'loud',
      TRAILMARK_PROJECTIONS: 'maybe',
      TRAILMARK_EMBEDDED_PG_PORT: '-1',
      REDIS_URL: 'http://redis:6379',
      EVENTSTORE_CONNECTION_STRING: 'tcp://es:1113',
    });
    expect(error.problems.map((problem) => problem.variable).sort()).toEqual([
      'EVENTSTORE_CONNECTION_STRING',
      'LOG_LEVEL',
      'PORT',
      'REDIS_URL',
      'TRAILMARK_EMBEDDED_PG_PORT',
      'TRAILMARK_PROJECTIONS',
    ]);
    expect(error.message.split('\n')).toEqual([
      'Invalid configuration:',
      '  - PORT: must be an integer between 1 and 65535 (got "abc")',
      '  - EVENTSTORE_CONNECTION_STRING: must start with esdb://, esdb+discover:// or kurrentdb:// followed by a host (got "tcp://es:1113")',
      '  - REDIS_URL: must be a redis:// or rediss:// URL (got "http://redis:6379")',
      '  - LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      '  - TRAILMARK_EMBEDDED_PG_PORT: must be an integer between 1 and 65535 (got "-1")',
      '  - TRAILMARK_PROJECTIONS: must be "on" or "off" (got "maybe")',
    ]);
  });

  it('rejects a short owner password without echoing it, and a lockout threshold of 0', () => {
    const error = errorFor({ TRAILMARK_OWNER_PASSWORD: 'hunter2', TRAILMARK_LOCKOUT_THRESHOLD: '0', TRAILMARK_OWNER_EMAIL: 'nobody' });
    expect(error.problems.map((problem) => problem.variable).sort()).toEqual([
      'TRAILMARK_LOCKOUT_THRESHOLD',
      'TRAILMARK_OWNER_EMAIL',
      'TRAILMARK_OWNER_PASSWORD',
    ]);
    expect(error.message).not.toContain('hunter2');
  });

  it('never prints the password of a rejected URL', () => {
    const { message } = errorFor({ DATABASE_URL: 'mysql://app:hunter2@db:3306/trailmark' });
    expect(message).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL (got "mysql://app:***@db:3306/trailmark")');
    expect(message).not.toContain('hunter2');
  });

  it('does not echo a secret-bearing value it cannot parse at all', () => {
    const { message } = errorFor({ EVENTSTORE_CONNECTION_STRING: 'admin:hunter2@es:2113' });
    expect(message).toContain('EVENTSTORE_CONNECTION_STRING:');
    expect(message).not.toContain('hunter2');
  });

  it('reads the alert mail settings, and refuses an SMTP URL without echoing it', () => {
    expect(loadConfig({ TRAILMARK_SMTP_URL: 'smtp://mailer:pw@127.0.0.1:2525' }, { cwd }).smtp).toEqual({ url: 'smtp://mailer:pw@127.0.0.1:2525', from: 'trailmark@localhost' });
    expect(loadConfig({ TRAILMARK_SMTP_URL: 'smtps://mail.example', TRAILMARK_MAIL_FROM: 'alerts@example.com' }, { cwd }).smtp).toEqual({ url: 'smtps://mail.example', from: 'alerts@example.com' });
    expect(loadConfig({}, { cwd }).smtp).toBeUndefined();
    const { message } = errorFor({ TRAILMARK_SMTP_URL: 'http://mailer:topsecret@mail.example' });
    expect(message).toContain('TRAILMARK_SMTP_URL');
    expect(message).not.toContain('topsecret');
  });
});
