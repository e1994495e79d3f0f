// Relay settings: defaults, validation, and reading them from environment variables (DESIGN.md §5).
import type { IceServer } from '../src/protocol.ts';
import { RelayConfigError } from './errors.ts';

export interface RelaySettings {
  /** STUN/TURN servers handed to clients in the join ack. Empty is right for localhost. */
  iceServers: IceServer[];
  /** Engine.IO heartbeat: the relay pings this often... */
  pingIntervalMs: number;
  /** ...and closes a connection that does not answer within this time. */
  pingTimeoutMs: number;
  /** A connection that has not sent a Socket.IO CONNECT within this time is closed. */
  connectTimeoutMs: number;
  /** Largest WebSocket message accepted; larger ones close the connection (code 1009). */
  maxPayloadBytes: number;
}

export const DEFAULT_SETTINGS: RelaySettings = {
  iceServers: [],
  pingIntervalMs: 25_000,
  pingTimeoutMs: 20_000,
  connectTimeoutMs: 10_000,
  maxPayloadBytes: 64 * 1024,
};

export interface ListenConfig {
  port: number;
  host: string;
  logLevel: string;
  settings: RelaySettings;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Fills in defaults and throws RelayConfigError for a value that cannot work. */
export function resolveSettings(options: Partial<RelaySettings>): RelaySettings {
  const settings = { ...DEFAULT_SETTINGS, ...withoutUndefined(options) };
  for (const key of ['pingIntervalMs', 'pingTimeoutMs', 'connectTimeoutMs', 'maxPayloadBytes'] as const) {
    if (!Number.isInteger(settings[key]) || settings[key] <= 0) {
      throw new RelayConfigError(`${key} must be a positive integer, got ${settings[key]}`);
    }
  }
  return settings;
}

/** Reads PORT, HOST, LOG_LEVEL, STUN_URLS, PING_INTERVAL_MS and PING_TIMEOUT_MS. */
export function configFromEnv(env: Record<string, string | undefined>): ListenConfig {
  const port = integer(env, 'PORT', 3000, 0, 65_535);
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new RelayConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${logLevel}`);
  }
  return {
    port,
    host: env.HOST || '0.0.0.0',
    logLevel,
    settings: resolveSettings({
      iceServers: stunServers(env.STUN_URLS),
      pingIntervalMs: integer(env, 'PING_INTERVAL_MS', DEFAULT_SETTINGS.pingIntervalMs, 1),
      pingTimeoutMs: integer(env, 'PING_TIMEOUT_MS', DEFAULT_SETTINGS.pingTimeoutMs, 1),
    }),
  };
}

function stunServers(value: string | undefined): IceServer[] {
  const urls = (value ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  for (const url of urls) {
    if (!/^stuns?:[^\s]+$/.test(url))
      throw new RelayConfigError(`STUN_URLS entries must start with stun: or stuns:, got ${url}`);
  }
  return urls.length ? [{ urls }] : [];
}

function integer(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new RelayConfigError(`${name} must be a whole number from ${min} to ${max}, got ${raw}`);
  }
  return value;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
