// How a setting written in the environment or a flag becomes a value: whole numbers in a range, lists of
// URLs, origins, a log level... Each parser throws RelayConfigError naming the variable or flag it read.
import type { IceServer } from '../src/protocol.ts';
import { RelayConfigError } from './errors.ts';
import { trustFunction, type TrustProxy } from './trust-proxy.ts';

/** Reads one written value; `name` is the variable or flag it came from, for the error. */
export type Parse<T> = (raw: string, name: string) => T;

/** A whole-number parser, carrying its smallest value for the checks that programmatic settings get too. */
export type IntegerParse = Parse<number> & { readonly min: number };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export const integer = (min: number, max = Number.MAX_SAFE_INTEGER): IntegerParse =>
  Object.assign(
    (raw: string, name: string) => {
      const value = Number(raw);
      if (!/^\d+$/.test(raw) || value < min || value > max) {
        throw new RelayConfigError(`${name} must be a whole number from ${min} to ${max}, got ${raw}`);
      }
      return value;
    },
    { min },
  );

export const text: Parse<string> = (raw) => raw;
export const optional: Parse<string | null> = (raw) => raw || null;

export const list =
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

/** STUN URLs become one ICE server with every URL; none, no server (right for localhost). */
export const stunServers: Parse<IceServer[]> = (raw, name) => {
  const urls = list(/^stuns?:\S+$/, 'stun: or stuns: URLs')(raw, name);
  return urls.length ? [{ urls }] : [];
};

export const origins: Parse<string[] | '*'> = (raw, name) => {
  if (raw.trim() === '*') return '*';
  return list(/^https?:\/\/[^/\s]+$/, 'origins like https://example.com (scheme, host, optional port)')(raw, name);
};

export const redisUrl: Parse<string | null> = (raw, name) => {
  if (!raw) return null;
  if (!/^rediss?:\/\/\S+$/.test(raw)) throw new RelayConfigError(`${name} must be a redis:// or rediss:// URL`);
  return raw;
};

export const sfuUrls: Parse<string[]> = (raw, name) => list(/^wss?:\/\/\S+$/, 'ws:// or wss:// URLs')(raw, name);

export const keyPrefix: Parse<string> = (raw, name) => {
  if (!/^[\w.:-]{1,64}$/.test(raw)) {
    throw new RelayConfigError(`${name} must be 1–64 characters from A–Z a–z 0–9 _ . : -, got ${raw}`);
  }
  return raw;
};

export const publicUrl: Parse<string | null> = (raw, name) => {
  if (!raw) return null;
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (url?.protocol !== 'https:' && url?.protocol !== 'http:') {
    throw new RelayConfigError(`${name} must be the relay's URL, like https://relay.example.com, got ${raw}`);
  }
  return url.origin;
};

/** Where webhooks go: an http(s) URL, kept whole (path and query); empty when unset. */
export const webhookUrl: Parse<string> = (raw, name) => {
  if (!raw) return '';
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (url?.protocol !== 'https:' && url?.protocol !== 'http:') {
    throw new RelayConfigError(
      `${name} must be an http:// or https:// URL, like https://example.com/hooks/video, got ${raw}`,
    );
  }
  return raw;
};

export const trustProxy: Parse<TrustProxy> = (raw, name) => {
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

export const logLevel: Parse<string> = (raw, name) => {
  if (!LOG_LEVELS.includes(raw))
    throw new RelayConfigError(`${name} must be one of ${LOG_LEVELS.join(', ')}, got ${raw}`);
  return raw;
};
