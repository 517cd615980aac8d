import { ConfigError, loadConfig } from '../../src/config/app-config';

describe('loadConfig', () => {
  it('reads TRUSTED_PROXY as addresses, CIDRs or express names', () => {
    expect(loadConfig({}).trustedProxy).toEqual([]);
    expect(loadConfig({ TRUSTED_PROXY: 'loopback, 10.0.0.0/8,::1' }).trustedProxy).toEqual(['loopback', '10.0.0.0/8', '::1']);
  });

  it('gives documented defaults', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config).toMatchObject({
      port: 3000,
      dataDir: '/srv/app/data',
      redisUrl: 'redis://127.0.0.1:6379',
      queuePrefix: 'sanka',
      logLevel: 'info',
      role: 'all',
      embeddingModel: 'Xenova/multilingual-e5-small',
      demoData: true,
      embeddedDbSharedBuffers: undefined,
      searchExactMaxRows: 10_000,
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.runsApi && config.runsWorker).toBe(true);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['ROLE', 'scheduler'],
    ['LOG_LEVEL', 'verbose'],
    ['DATABASE_URL', 'mysql://x'],
    ['REDIS_URL', 'not a url'],
    ['ADMIN_TOKEN', 'short'],
    ['DEMO_DATA', 'maybe'],
    ['TRUSTED_PROXY', 'proxy.example'],
    ['TRUSTED_PROXY', '10.0.0.0/33'],
    ['RATE_LIMIT_FAILED_AUTH_PER_MINUTE', '0'],
    ['QUEUE_PREFIX', 'has space'],
    ['EMBEDDED_DB_SHARED_BUFFERS', '2GB'],
    ['EMBEDDED_DB_SHARED_BUFFERS', '512'],
    ['SEARCH_EXACT_MAX_ROWS', '-1'],
  ])('stops on a bad %s and names the key', (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [key]: value })).toThrow(key);
  });

  it('accepts embedded database memory in MB or GB', () => {
    expect(loadConfig({ EMBEDDED_DB_SHARED_BUFFERS: '256MB' }).embeddedDbSharedBuffers).toBe('256MB');
  });

  it('splits roles', () => {
    expect(loadConfig({ ROLE: 'api' })).toMatchObject({ runsApi: true, runsWorker: false });
    expect(loadConfig({ ROLE: 'worker' })).toMatchObject({ runsApi: false, runsWorker: true });
  });
});
