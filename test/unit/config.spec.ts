import { ConfigError, loadConfig } from '../../src/config/app-config';

describe('loadConfig', () => {
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
    ['QUEUE_PREFIX', 'has space'],
  ])('stops on a bad %s and names the key', (key, value) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [key]: value })).toThrow(key);
  });

  it('splits roles', () => {
    expect(loadConfig({ ROLE: 'api' })).toMatchObject({ runsApi: true, runsWorker: false });
    expect(loadConfig({ ROLE: 'worker' })).toMatchObject({ runsApi: false, runsWorker: true });
  });
});
