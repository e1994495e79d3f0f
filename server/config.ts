// Relay settings (DESIGN.md §5): one table gives each its environment variable, command-line flag, default,
// help text and validation, so the env, the flags and --help can never disagree. Bad values throw at start-up.
import { parseArgs } from 'node:util';
import type { IceServer } from '../src/protocol.ts';
import { RelayConfigError } from './errors.ts';
import { trustFunction, type TrustProxy } from './trust-proxy.ts';

export interface TurnSettings {
  urls: string[];
  /** coturn's static-auth-secret: the relay mints time-limited credentials from it. */
  secret: string;
  ttlSeconds: number;
}

export interface RelaySettings {
  /** Origins whose pages may use the relay; `*` for all. The relay's own origin is always allowed. */
  allowedOrigins: string[] | '*';
  /**
   * The relay's own URL as browsers reach it (https://relay.example.com), or null: pages on its origin are the
   * relay's own (the demo). Without it, "own origin" is judged from the Host header, which a DNS-rebinding page
   * controls.
   */
  publicUrl: string | null;
  /** Which hops in front of the relay are its reverse proxies, whose X-Forwarded-For entries are believed. */
  trustProxy: TrustProxy;
  /** Time a client has to send a request's headers (a WebSocket handshake's among them)... */
  headersTimeoutMs: number;
  /** ...and the whole request. */
  requestTimeoutMs: number;
  maxPeersPerRoom: number;
  /** A password every room requires, or null. */
  roomPassword: string | null;
  /** The HMAC-SHA256 key for signed join tokens, or null. */
  joinSecret: string | null;
  /** STUN servers handed to clients in the join ack. Empty is right for localhost. */
  iceServers: IceServer[];
  turn: TurnSettings | null;
  /** Engine.IO heartbeat: the relay pings this often... */
  pingIntervalMs: number;
  /** ...and closes a connection that does not answer within this time. */
  pingTimeoutMs: number;
  /** A connection that has not sent a Socket.IO CONNECT within this time is closed. */
  connectTimeoutMs: number;
  /** A connection that has not joined a room within this time is closed. */
  joinTimeoutMs: number;
  /** Largest WebSocket message accepted; larger ones close the connection (code 1009). */
  maxPayloadBytes: number;
  /** Bytes waiting to be sent to one client past which its connection is closed (code 1008): it stopped reading. */
  maxBufferedBytes: number;
  /** Packets (of any kind) per second each connection may send on average... */
  rateLimitPerSecond: number;
  /** ...and in one burst. */
  rateLimitBurst: number;
  maxConnectionsPerIp: number;
  /** How long a member whose connection dropped keeps its place (and its id) for a resume. */
  resumeGraceMs: number;
  /** How much (serialized) is kept per member for replay on resume; a resume that would miss more fails. */
  resumeBufferBytes: number;
  /** Members held for a resume per client address; past it, the oldest of theirs ends at once. */
  resumeHeldPerIp: number;
  /** Bytes of events kept on this relay for all held members; past it, the oldest hold ends at once. */
  resumeHeldBytes: number;
  /** Scale-out: rooms live in this Redis, shared by every relay pointed at it; null keeps them in memory. */
  redisUrl: string | null;
  /** Prefix of every Redis key and channel, so that several deployments can share one Redis. */
  redisKeyPrefix: string;
  /** With Redis: how often this relay says it is alive... */
  nodeHeartbeatMs: number;
  /** ...and how long after its last heartbeat the others take it for dead and end its members' places. */
  nodeTtlMs: number;
}

export interface ListenConfig {
  port: number;
  host: string;
  logLevel: string;
  settings: RelaySettings;
}

type Parse<T> = (raw: string, name: string) => T;

interface Option<T> {
  help: string;
  /** The value when unset, as it would be written in the environment. */
  fallback: string;
  parse: Parse<T>;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

const integer =
  (min: number, max = Number.MAX_SAFE_INTEGER): Parse<number> =>
  (raw, name) => {
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      throw new RelayConfigError(`${name} must be a whole number from ${min} to ${max}, got ${raw}`);
    }
    return value;
  };

const text: Parse<string> = (raw) => raw;
const optional: Parse<string | null> = (raw) => raw || null;

const list =
  (pattern: RegExp, what: string): Parse<string[]> =>
  (raw, name) => {
    const items = raw
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    const bad = items.find((item) => !pattern.test(item));
    if (bad !== undefined) throw new RelayConfigError(`${name} entries must be ${what}, got ${bad}`);
    return items;
  };

const origins: Parse<string[] | '*'> = (raw, name) => {
  if (raw.trim() === '*') return '*';
  return list(/^https?:\/\/[^/\s]+$/, 'origins like https://example.com (scheme, host, optional port)')(raw, name);
};

const redisUrl: Parse<string | null> = (raw, name) => {
  if (!raw) return null;
  if (!/^rediss?:\/\/\S+$/.test(raw)) throw new RelayConfigError(`${name} must be a redis:// or rediss:// URL`);
  return raw;
};

const keyPrefix: Parse<string> = (raw, name) => {
  if (!/^[\w.:-]{1,64}$/.test(raw)) {
    throw new RelayConfigError(`${name} must be 1–64 characters from A–Z a–z 0–9 _ . : -, got ${raw}`);
  }
  return raw;
};

const publicUrl: Parse<string | null> = (raw, name) => {
  if (!raw) return null;
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (url?.protocol !== 'https:' && url?.protocol !== 'http:') {
    throw new RelayConfigError(`${name} must be the relay's URL, like https://relay.example.com, got ${raw}`);
  }
  return url.origin;
};

const trustProxy: Parse<TrustProxy> = (raw, name) => {
  if (raw === 'false' || raw === '0') return false;
  if (raw === 'true') {
    throw new RelayConfigError(
      `${name}=true would believe every X-Forwarded-For entry, which clients can forge: set the proxies' addresses (e.g. 127.0.0.1 or 10.0.0.0/8) or their number (e.g. 1)`,
    );
  }
  if (/^\d+$/.test(raw)) return integer(1, 16)(raw, name);
  const entries = list(/^\S+$/, 'addresses')(raw, name);
  try {
    trustFunction(entries);
  } catch (error) {
    throw new RelayConfigError(
      `${name} must be false, a number of proxies, or addresses/CIDRs: ${(error as Error).message}`,
    );
  }
  return entries;
};

const logLevel: Parse<string> = (raw, name) => {
  if (!LOG_LEVELS.includes(raw))
    throw new RelayConfigError(`${name} must be one of ${LOG_LEVELS.join(', ')}, got ${raw}`);
  return raw;
};

/** Every setting, by environment variable; the flag is the same name in kebab case (--max-peers-per-room). */
export const OPTIONS = {
  PORT: { help: 'TCP port to listen on.', fallback: '3000', parse: integer(0, 65_535) },
  HOST: { help: 'Address to listen on; 127.0.0.1 for this machine only.', fallback: '0.0.0.0', parse: text },
  LOG_LEVEL: { help: `Log level: ${LOG_LEVELS.join(', ')}.`, fallback: 'info', parse: logLevel },
  ALLOWED_ORIGINS: {
    help: 'Comma-separated origins whose pages may use the relay (https://example.com), or * for any.',
    fallback: '*',
    parse: origins,
  },
  PUBLIC_URL: {
    help: "The relay's URL as browsers reach it (https://relay.example.com): pages on its origin are its own (the demo).",
    fallback: '',
    parse: (raw, name) => publicUrl(raw, name),
  },
  TRUST_PROXY: {
    help: 'Behind reverse proxies: their addresses or CIDRs (comma-separated, or loopback), or how many there are; client addresses then come from X-Forwarded-For.',
    fallback: 'false',
    parse: (raw, name) => trustProxy(raw, name),
  },
  HEADERS_TIMEOUT_MS: {
    help: "Close connections that have not sent a request's headers within this time.",
    fallback: '10000',
    parse: integer(100),
  },
  REQUEST_TIMEOUT_MS: {
    help: 'Close connections that have not sent a whole request within this time.',
    fallback: '30000',
    parse: integer(100),
  },
  MAX_PEERS_PER_ROOM: {
    help: 'Participants per room; the next join gets room-full.',
    fallback: '8',
    parse: integer(1),
  },
  ROOM_PASSWORD: { help: 'A password every room requires.', fallback: '', parse: optional },
  JOIN_SECRET: {
    help: 'Key for signed join tokens (HMAC-SHA256): a valid token for the room admits its holder.',
    fallback: '',
    parse: optional,
  },
  STUN_URLS: {
    help: 'Comma-separated stun: or stuns: URLs for browsers.',
    fallback: '',
    parse: list(/^stuns?:\S+$/, 'stun: or stuns: URLs'),
  },
  TURN_URLS: {
    help: 'Comma-separated turn: or turns: URLs; needs TURN_SECRET.',
    fallback: '',
    parse: list(/^turns?:\S+$/, 'turn: or turns: URLs'),
  },
  TURN_SECRET: { help: "The TURN server's shared secret (coturn static-auth-secret).", fallback: '', parse: optional },
  TURN_TTL_S: {
    help: 'Lifetime of the TURN credentials handed out, in seconds; the widget asks for fresh ones before they expire.',
    fallback: '3600',
    parse: integer(60),
  },
  PING_INTERVAL_MS: { help: 'Heartbeat: how often each connection is pinged.', fallback: '25000', parse: integer(1) },
  PING_TIMEOUT_MS: { help: 'Heartbeat: how long the answer may take.', fallback: '20000', parse: integer(1) },
  CONNECT_TIMEOUT_MS: {
    help: 'Close connections that send no Socket.IO CONNECT within this time.',
    fallback: '10000',
    parse: integer(1),
  },
  JOIN_TIMEOUT_MS: {
    help: 'Close connections that join no room within this time.',
    fallback: '30000',
    parse: integer(1),
  },
  MAX_PAYLOAD_BYTES: {
    help: 'Largest WebSocket message; larger ones close the connection.',
    fallback: '65536',
    parse: integer(1024),
  },
  MAX_BUFFERED_BYTES: {
    help: 'Bytes waiting to be sent to one client past which it is disconnected (1008): a client that stopped reading.',
    fallback: '1048576',
    parse: integer(65_536),
  },
  RATE_LIMIT_PER_SECOND: {
    help: 'Packets of any kind each connection may send per second, on average.',
    fallback: '50',
    parse: integer(1),
  },
  RATE_LIMIT_BURST: { help: 'Packets each connection may send in one burst.', fallback: '200', parse: integer(1) },
  MAX_CONNECTIONS_PER_IP: { help: 'Open connections per client address.', fallback: '20', parse: integer(1) },
  RESUME_GRACE_MS: {
    help: 'How long a dropped participant keeps its place for a resume before the room hears peer-left.',
    fallback: '15000',
    parse: integer(0),
  },
  RESUME_BUFFER_BYTES: {
    help: 'Bytes of events kept per participant so a resume misses nothing; past it, the resume fails.',
    fallback: '262144',
    parse: integer(0),
  },
  RESUME_HELD_PER_IP: {
    help: 'Dropped participants held for a resume per client address; past it, the oldest one of theirs ends at once.',
    fallback: '20',
    parse: integer(1),
  },
  RESUME_HELD_BYTES: {
    help: 'Bytes of events this relay keeps for all held participants together; past it, the oldest hold ends at once.',
    fallback: '33554432',
    parse: integer(0),
  },
  REDIS_URL: {
    help: 'Scale-out: keep rooms in this Redis (redis://host:6379/0) so that several relays act as one. Unset: in memory.',
    fallback: '',
    parse: redisUrl,
  },
  REDIS_KEY_PREFIX: {
    help: 'Prefix of the Redis keys and channels, so that several deployments can share one Redis.',
    fallback: 'vc:',
    parse: keyPrefix,
  },
  NODE_HEARTBEAT_MS: {
    help: 'With Redis: how often each relay tells the others it is alive.',
    fallback: '5000',
    parse: integer(100),
  },
  NODE_TTL_MS: {
    help: "With Redis: a relay silent this long is taken for dead, and its members' places end (peer-left timeout).",
    fallback: '15000',
    parse: integer(200),
  },
} satisfies Record<string, Option<unknown>>;

type Options = typeof OPTIONS;
type Values = { [K in keyof Options]: ReturnType<Options[K]['parse']> };

export const DEFAULT_SETTINGS: RelaySettings = settingsFrom(valuesFrom({}, {}));

/** Reads the settings from command-line flags, then the environment, then the defaults. */
export function readConfig(env: Record<string, string | undefined>, argv: string[] = []): ListenConfig {
  let flags: Record<string, string | boolean | undefined>;
  try {
    flags = parseArgs({ args: argv, options: flagOptions(), strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new RelayConfigError(`${(error as Error).message}; see --help`);
  }
  const values = valuesFrom(env, flags);
  return { port: values.PORT, host: values.HOST, logLevel: values.LOG_LEVEL, settings: settingsFrom(values) };
}

/** Fills in defaults and throws RelayConfigError for a value that cannot work. */
export function resolveSettings(options: Partial<RelaySettings>): RelaySettings {
  const settings = { ...DEFAULT_SETTINGS, ...withoutUndefined(options) };
  for (const [key, value] of Object.entries(settings)) {
    if (typeof value !== 'number') continue;
    // Zero turns resume (or its replay) off; every other number must be positive.
    const min = ['resumeGraceMs', 'resumeBufferBytes', 'resumeHeldBytes'].includes(key) ? 0 : 1;
    if (!Number.isInteger(value) || value < min) {
      throw new RelayConfigError(`${key} must be a whole number of at least ${min}, got ${value}`);
    }
  }
  if (settings.nodeTtlMs < 2 * settings.nodeHeartbeatMs) {
    throw new RelayConfigError('nodeTtlMs must be at least twice nodeHeartbeatMs');
  }
  if (settings.headersTimeoutMs > settings.requestTimeoutMs) {
    throw new RelayConfigError('headersTimeoutMs must be at most requestTimeoutMs');
  }
  return settings;
}

export function usage(): string {
  const lines = Object.entries(OPTIONS).map(([name, option]: [string, Option<unknown>]) => {
    const fallback = option.fallback === '' ? 'unset' : option.fallback;
    return `  --${flagName(name)}  (${name}, default ${fallback})\n      ${option.help}`;
  });
  return [
    'Usage: video-conference-relay [options]',
    '',
    'Each option can also be set with the environment variable in brackets; a flag wins over the environment.',
    'Prefer the environment for secrets: command lines are visible to other users of the machine.',
    '',
    ...lines,
    '  --help',
    '      Print this and exit.',
    '',
  ].join('\n');
}

export function wantsHelp(argv: string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

function valuesFrom(env: Record<string, string | undefined>, flags: Record<string, unknown>): Values {
  const values: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(OPTIONS) as Array<[string, Option<unknown>]>) {
    const flag = flags[flagName(name)];
    const raw = typeof flag === 'string' ? flag : env[name] || option.fallback;
    values[name] = option.parse(raw, typeof flag === 'string' ? `--${flagName(name)}` : name);
  }
  return values as Values;
}

function settingsFrom(values: Values): RelaySettings {
  const turnUrls = values.TURN_URLS;
  const turnSecret = values.TURN_SECRET;
  if (turnUrls.length > 0 && !turnSecret) {
    throw new RelayConfigError('TURN_URLS needs TURN_SECRET: the relay hands out time-limited TURN credentials');
  }
  if (turnSecret && turnUrls.length === 0) throw new RelayConfigError('TURN_SECRET is set but TURN_URLS is empty');
  if (values.RATE_LIMIT_BURST < values.RATE_LIMIT_PER_SECOND) {
    throw new RelayConfigError('RATE_LIMIT_BURST must be at least RATE_LIMIT_PER_SECOND');
  }
  if (values.HEADERS_TIMEOUT_MS > values.REQUEST_TIMEOUT_MS) {
    throw new RelayConfigError(
      'HEADERS_TIMEOUT_MS must be at most REQUEST_TIMEOUT_MS: the headers are part of the request',
    );
  }
  if (values.NODE_TTL_MS < 2 * values.NODE_HEARTBEAT_MS) {
    throw new RelayConfigError(
      'NODE_TTL_MS must be at least twice NODE_HEARTBEAT_MS, so one late heartbeat is not death',
    );
  }
  return {
    allowedOrigins: values.ALLOWED_ORIGINS,
    publicUrl: values.PUBLIC_URL,
    trustProxy: values.TRUST_PROXY,
    headersTimeoutMs: values.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: values.REQUEST_TIMEOUT_MS,
    maxPeersPerRoom: values.MAX_PEERS_PER_ROOM,
    roomPassword: values.ROOM_PASSWORD,
    joinSecret: values.JOIN_SECRET,
    iceServers: values.STUN_URLS.length ? [{ urls: values.STUN_URLS }] : [],
    turn: turnSecret ? { urls: turnUrls, secret: turnSecret, ttlSeconds: values.TURN_TTL_S } : null,
    pingIntervalMs: values.PING_INTERVAL_MS,
    pingTimeoutMs: values.PING_TIMEOUT_MS,
    connectTimeoutMs: values.CONNECT_TIMEOUT_MS,
    joinTimeoutMs: values.JOIN_TIMEOUT_MS,
    maxPayloadBytes: values.MAX_PAYLOAD_BYTES,
    maxBufferedBytes: values.MAX_BUFFERED_BYTES,
    rateLimitPerSecond: values.RATE_LIMIT_PER_SECOND,
    rateLimitBurst: values.RATE_LIMIT_BURST,
    maxConnectionsPerIp: values.MAX_CONNECTIONS_PER_IP,
    resumeGraceMs: values.RESUME_GRACE_MS,
    resumeBufferBytes: values.RESUME_BUFFER_BYTES,
    resumeHeldPerIp: values.RESUME_HELD_PER_IP,
    resumeHeldBytes: values.RESUME_HELD_BYTES,
    redisUrl: values.REDIS_URL,
    redisKeyPrefix: values.REDIS_KEY_PREFIX,
    nodeHeartbeatMs: values.NODE_HEARTBEAT_MS,
    nodeTtlMs: values.NODE_TTL_MS,
  };
}

function flagOptions(): Record<string, { type: 'string' | 'boolean' }> {
  const options: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' } };
  for (const name of Object.keys(OPTIONS)) options[flagName(name)] = { type: 'string' };
  return options;
}

function flagName(variable: string): string {
  return variable.toLowerCase().replaceAll('_', '-');
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
