// Relay settings: defaults from an empty environment, STUN_URLS parsing, and values that cannot work
// refused at start-up with a RelayConfigError that names the variable or option, from the environment and
// buildRelay() alike.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRelay } from '../../server/app.ts';
import { OPTIONS } from '../../server/config-options.ts';
import { DEFAULT_SETTINGS, readConfig, usage, wantsHelp } from '../../server/config.ts';
import { RelayConfigError } from '../../server/errors.ts';

test('an empty environment gives a complete single-node relay config', () => {
  assert.deepEqual(readConfig({}), {
    port: 3000,
    host: '0.0.0.0',
    logLevel: 'info',
    settings: DEFAULT_SETTINGS,
  });
  assert.deepEqual(readConfig({}).settings.iceServers, []);
});

test('empty strings count as unset', () => {
  assert.deepEqual(readConfig({ PORT: '', HOST: '', LOG_LEVEL: '', STUN_URLS: '' }), readConfig({}));
});

test('PORT, HOST, LOG_LEVEL and the heartbeat are read from the environment', () => {
  const config = readConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    PING_INTERVAL_MS: '1000',
    PING_TIMEOUT_MS: '2000',
  });
  assert.equal(config.port, 0);
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.logLevel, 'warn');
  assert.equal(config.settings.pingIntervalMs, 1000);
  assert.equal(config.settings.pingTimeoutMs, 2000);
});

test('STUN_URLS becomes one ICE server with every url, trimmed', () => {
  const { settings } = readConfig({ STUN_URLS: 'stun:a.example:3478, stun:b.example' });
  assert.deepEqual(settings.iceServers, [{ urls: ['stun:a.example:3478', 'stun:b.example'] }]);
  assert.deepEqual(readConfig({ STUN_URLS: ' stuns:c.example ,' }).settings.iceServers, [
    { urls: ['stuns:c.example'] },
  ]);
});

/** Asserts that `env` is refused with a RelayConfigError whose message names `variable`. */
function assertRefused(env: Record<string, string>, variable: string): void {
  assert.throws(
    () => readConfig(env),
    (error: unknown) =>
      error instanceof RelayConfigError && error.code === 'invalid-config' && error.message.includes(variable),
    JSON.stringify(env),
  );
}

test('a PORT that is not a port is refused, naming PORT', () => {
  for (const port of ['abc', '70000', '-1', '80.5', ' 80', '1e3']) assertRefused({ PORT: port }, 'PORT');
});

test('a STUN url that is not stun: or stuns: is refused, naming STUN_URLS', () => {
  for (const urls of ['http://x', 'stun:a.example, turn:b.example', 'stun: spaced'])
    assertRefused({ STUN_URLS: urls }, 'STUN_URLS');
});

test('an unknown LOG_LEVEL is refused, naming LOG_LEVEL', () => {
  for (const level of ['loud', 'INFO']) assertRefused({ LOG_LEVEL: level }, 'LOG_LEVEL');
});

test('heartbeat values that are not whole numbers are refused, naming the variable', () => {
  assertRefused({ PING_INTERVAL_MS: 'soon' }, 'PING_INTERVAL_MS');
  assertRefused({ PING_TIMEOUT_MS: '1.5' }, 'PING_TIMEOUT_MS');
  assertRefused({ PING_INTERVAL_MS: '0' }, 'PING_INTERVAL_MS');
});

test('buildRelay refuses settings that cannot work, naming the option', () => {
  const bad = [
    { pingIntervalMs: 0 },
    { pingTimeoutMs: -1 },
    { connectTimeoutMs: 1.5 },
    { maxPayloadBytes: Number.NaN },
  ];
  for (const options of bad) {
    const [name] = Object.keys(options);
    assert.throws(
      () => buildRelay(options),
      (error: unknown) => error instanceof RelayConfigError && error.message.includes(name!),
      name,
    );
  }
});

test('command-line flags win over the environment, and an unknown flag is refused', () => {
  const config = readConfig({ PORT: '4000', MAX_PEERS_PER_ROOM: '3' }, [
    '--port',
    '5000',
    '--allowed-origins=https://a.example, https://b.example',
  ]);
  assert.equal(config.port, 5000);
  assert.equal(config.settings.maxPeersPerRoom, 3);
  assert.deepEqual(config.settings.allowedOrigins, ['https://a.example', 'https://b.example']);
  assert.throws(() => readConfig({}, ['--no-such-flag']), RelayConfigError);
  assert.throws(() => readConfig({}, ['--port', 'abc']), /--port/);
});

test('TURN needs both its URLs and its secret; ALLOWED_ORIGINS takes origins or *', () => {
  assertRefused({ TURN_URLS: 'turn:t.example' }, 'TURN_SECRET');
  assertRefused({ TURN_SECRET: 's' }, 'TURN_URLS');
  assertRefused({ ALLOWED_ORIGINS: 'example.com' }, 'ALLOWED_ORIGINS');
  const { settings } = readConfig({ TURN_URLS: 'turn:t.example', TURN_SECRET: 's', ALLOWED_ORIGINS: '*' });
  assert.deepEqual(settings.turn, { urls: ['turn:t.example'], secret: 's', ttlSeconds: 3600 });
  assert.equal(settings.allowedOrigins, '*');
});

test('SFU_URL (unset: every room a mesh) takes ws:// URLs; its threshold, room cap and way back are checked', () => {
  assert.equal(readConfig({}).settings.sfu, null);
  const { settings } = readConfig({ SFU_URL: 'ws://10.0.0.5:8188, wss://sfu.example/janus', SFU_THRESHOLD: '3' });
  assert.deepEqual(settings.sfu, {
    urls: ['ws://10.0.0.5:8188', 'wss://sfu.example/janus'],
    threshold: 3,
    maxPeers: 50,
    backAfterMs: 30000,
  });
  assertRefused({ SFU_URL: 'http://10.0.0.5:8088' }, 'SFU_URL');
  assertRefused({ SFU_THRESHOLD: '4' }, 'SFU_URL');
  assertRefused({ SFU_URL: 'ws://a:1', SFU_THRESHOLD: '1' }, 'SFU_THRESHOLD');
});

test('webhooks (unset: none) need both WEBHOOK_URL, an http(s) URL, and WEBHOOK_SECRET; WEBHOOK_QUEUE bounds them', () => {
  assert.equal(readConfig({}).settings.webhook, null);
  const { settings } = readConfig({ WEBHOOK_URL: 'https://example.com/hooks/video?site=1', WEBHOOK_SECRET: 's' });
  assert.deepEqual(settings.webhook, { url: 'https://example.com/hooks/video?site=1', secret: 's', maxQueued: 1000 });
  assert.equal(
    readConfig({ WEBHOOK_URL: 'http://10.0.0.2/h', WEBHOOK_SECRET: 's', WEBHOOK_QUEUE: '5' }).settings.webhook
      ?.maxQueued,
    5,
  );
  assertRefused({ WEBHOOK_URL: 'https://example.com/hooks' }, 'WEBHOOK_SECRET');
  assertRefused({ WEBHOOK_SECRET: 's' }, 'WEBHOOK_URL');
  assertRefused({ WEBHOOK_QUEUE: '10' }, 'WEBHOOK_URL');
  for (const url of ['example.com/hooks', 'ftp://example.com/hooks', 'javascript:alert(1)']) {
    assertRefused({ WEBHOOK_URL: url, WEBHOOK_SECRET: 's' }, 'WEBHOOK_URL');
  }
  assertRefused({ WEBHOOK_URL: 'https://example.com/hooks', WEBHOOK_SECRET: 's', WEBHOOK_QUEUE: '0' }, 'WEBHOOK_QUEUE');
  assert.throws(() => buildRelay({ webhook: { url: 'ws://example.com', secret: 's', maxQueued: 10 } }), /WEBHOOK_URL/);
});

test('--help lists every setting with its flag, variable and default', () => {
  const help = usage();
  for (const variable of Object.keys(OPTIONS)) {
    const flag = `--${variable.toLowerCase().replaceAll('_', '-')}`;
    assert.match(help, new RegExp(`${flag}  \\(${variable}, default `));
  }
  assert.ok(wantsHelp(['--help']));
});

test('REDIS_URL (unset: in memory) and the relay heartbeat for scale-out are read and checked', () => {
  assert.equal(readConfig({}).settings.redisUrl, null);
  const { settings } = readConfig({
    REDIS_URL: 'redis://127.0.0.1:6379/2',
    REDIS_KEY_PREFIX: 'prod:vc:',
    NODE_HEARTBEAT_MS: '1000',
    NODE_TTL_MS: '3000',
  });
  assert.equal(settings.redisUrl, 'redis://127.0.0.1:6379/2');
  assert.equal(settings.redisKeyPrefix, 'prod:vc:');
  assert.equal(settings.nodeHeartbeatMs, 1000);
  assert.equal(settings.nodeTtlMs, 3000);
  assertRefused({ REDIS_URL: 'http://127.0.0.1:6379' }, 'REDIS_URL');
  assertRefused({ REDIS_KEY_PREFIX: 'with space' }, 'REDIS_KEY_PREFIX');
  assertRefused({ NODE_HEARTBEAT_MS: '5000', NODE_TTL_MS: '6000' }, 'NODE_TTL_MS');
  assert.throws(() => buildRelay({ nodeHeartbeatMs: 1000, nodeTtlMs: 1000 }), /nodeTtlMs/);
});

test('TRUST_PROXY is false, a number of proxies, or their addresses and CIDRs; never "every hop"', () => {
  assert.equal(readConfig({}).settings.trustProxy, false);
  assert.equal(readConfig({ TRUST_PROXY: '2' }).settings.trustProxy, 2);
  assert.deepEqual(readConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8, loopback' }).settings.trustProxy, [
    '127.0.0.1',
    '10.0.0.0/8',
    'loopback',
  ]);
  assertRefused({ TRUST_PROXY: 'true' }, 'TRUST_PROXY');
  assertRefused({ TRUST_PROXY: 'proxy.example.com' }, 'TRUST_PROXY');
  assertRefused({ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY');
});

test('PUBLIC_URL is an origin; the header and request timeouts are checked against each other', () => {
  assert.equal(readConfig({}).settings.publicUrl, null);
  assert.equal(
    readConfig({ PUBLIC_URL: 'https://relay.example.com/' }).settings.publicUrl,
    'https://relay.example.com',
  );
  assertRefused({ PUBLIC_URL: 'relay.example.com' }, 'PUBLIC_URL');
  assert.equal(
    readConfig({ PUBLIC_URL: 'https://example.com:8443/vc/' }).settings.publicUrl,
    'https://example.com:8443',
  );
  assertRefused({ PUBLIC_URL: 'ftp://relay.example.com' }, 'PUBLIC_URL');
  const { settings } = readConfig({
    HEADERS_TIMEOUT_MS: '2000',
    REQUEST_TIMEOUT_MS: '5000',
    MAX_BUFFERED_BYTES: '65536',
  });
  assert.deepEqual(
    [settings.headersTimeoutMs, settings.requestTimeoutMs, settings.maxBufferedBytes],
    [2000, 5000, 65536],
  );
  assertRefused({ HEADERS_TIMEOUT_MS: '6000', REQUEST_TIMEOUT_MS: '5000' }, 'HEADERS_TIMEOUT_MS');
  assertRefused({ MAX_BUFFERED_BYTES: '1000' }, 'MAX_BUFFERED_BYTES');
  assert.throws(() => buildRelay({ headersTimeoutMs: 6000, requestTimeoutMs: 5000 }), /headersTimeoutMs/);
});

/** The message `run` is refused with: a RelayConfigError, or the test fails. */
function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof RelayConfigError, String(error));
    return error.message;
  }
  assert.fail('not refused');
}

test('buildRelay settings get the checks the environment gets, with the same error', () => {
  const turn = { urls: ['turn:t.example'], secret: 's', ttlSeconds: 3600 };
  const webhook = { url: 'https://example.com/hooks', secret: 's', maxQueued: 1000 };
  const cases: Array<[Record<string, string>, Parameters<typeof buildRelay>[0]]> = [
    [
      { RATE_LIMIT_PER_SECOND: '100', RATE_LIMIT_BURST: '50' },
      { rateLimitPerSecond: 100, rateLimitBurst: 50 },
    ],
    [{ TURN_URLS: 'turn:t.example' }, { turn: { ...turn, secret: '' } }],
    [{ TURN_SECRET: 's' }, { turn: { ...turn, urls: [] } }],
    [{ WEBHOOK_URL: 'https://example.com/hooks' }, { webhook: { ...webhook, secret: '' } }],
    [{ WEBHOOK_SECRET: 's' }, { webhook: { ...webhook, url: '' } }],
    [
      { NODE_HEARTBEAT_MS: '5000', NODE_TTL_MS: '6000' },
      { nodeHeartbeatMs: 5000, nodeTtlMs: 6000 },
    ],
    [
      { HEADERS_TIMEOUT_MS: '6000', REQUEST_TIMEOUT_MS: '5000' },
      { headersTimeoutMs: 6000, requestTimeoutMs: 5000 },
    ],
  ];
  for (const [env, options] of cases) {
    const message = refusal(() => readConfig(env));
    assert.equal(
      refusal(() => buildRelay(options)),
      message,
      JSON.stringify(env),
    );
  }
  assert.match(
    refusal(() => buildRelay({ turn: { ...turn, ttlSeconds: 0 } })),
    /turn\.ttlSeconds \(TURN_TTL_S\)/,
  );
});
