// Relay settings (DESIGN.md §5), read from command-line flags, the environment or buildRelay's options. Their
// types come from the table in config-options.ts, and one validate() checks them, whatever their source.
import { parseArgs } from 'node:util';
import { OPTIONS, type Option } from './config-options.ts';
import { webhookUrl } from './config-values.ts';
import { RelayConfigError } from './errors.ts';

type Rows = typeof OPTIONS;
type Name = keyof Rows;
type ValueOf<N extends Name> = ReturnType<Rows[N]['parse']>;
/** The values of the rows whose key is `group.field`, by field. */
type Group<G extends string> = {
  -readonly [N in Name as Rows[N]['key'] extends `${G}.${infer Field}` ? Field : never]: ValueOf<N>;
};
type TopLevel = {
  -readonly [N in Name as Rows[N]['key'] extends `${string}.${string}` ? never : Rows[N]['key']]: ValueOf<N>;
};

/** TURN through coturn's static-auth-secret: the relay mints time-limited credentials from `secret`. */
export type TurnSettings = Group<'turn'>;
/** What buildRelay() takes (every one optional there): one row of config-options.ts each, with its help. */
/** Large rooms on Janus (SFU_URL, SFU_THRESHOLD, SFU_MAX_PEERS); null unless one of them is set. */
export type SfuSettings = Group<'sfu'>;
/** Signed webhooks to the site's backend (WEBHOOK_URL, WEBHOOK_SECRET, WEBHOOK_QUEUE); null unless one is set. */
export type WebhookSettings = Group<'webhook'>;
export type RelaySettings = TopLevel & {
  turn: TurnSettings | null;
  sfu: SfuSettings | null;
  webhook: WebhookSettings | null;
};
export type ListenConfig = Group<'listen'> & { settings: RelaySettings };

/** A value as written in a flag or the environment, and where it was written (for the error). */
interface Written {
  raw: string;
  from: string;
}

const ROWS = Object.entries(OPTIONS) as Array<[Name, Option<unknown>]>;

export const DEFAULT_SETTINGS: RelaySettings = assemble(() => undefined).settings;

/** Reads the settings from command-line flags, then the environment, then the defaults. */
export function readConfig(env: Record<string, string | undefined>, argv: string[] = []): ListenConfig {
  let flags: Record<string, string | boolean | undefined>;
  try {
    flags = parseArgs({ args: argv, options: flagOptions(), strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new RelayConfigError(`${(error as Error).message}; see --help`);
  }
  const { listen, settings } = assemble((name) => {
    const flag = flags[flagName(name)];
    if (typeof flag === 'string') return { raw: flag, from: `--${flagName(name)}` };
    // An empty variable counts as unset.
    return env[name] ? { raw: env[name], from: name } : undefined;
  });
  return { ...listen, settings: validate(settings) };
}

/** Fills in defaults and throws RelayConfigError for a value that cannot work. */
export function resolveSettings(options: Partial<RelaySettings>): RelaySettings {
  return validate({ ...DEFAULT_SETTINGS, ...withoutUndefined(options) });
}

/**
 * Throws RelayConfigError, naming the option and its variable, for settings that cannot work together, from
 * the environment and buildRelay() alike. (Each variable's own format is checked where it is parsed.)
 */
export function validate(settings: RelaySettings): RelaySettings {
  for (const [key, value] of Object.entries(settings)) if (typeof value === 'number') wholeNumber(key, value);
  const { turn } = settings;
  if (turn) {
    if (!turn.urls.length) throw new RelayConfigError(`${named('turn.urls')} must list the TURN server's URLs`);
    if (!turn.secret) {
      throw new RelayConfigError(
        `TURN needs ${named('turn.secret')}: the relay hands out time-limited TURN credentials`,
      );
    }
    wholeNumber('turn.ttlSeconds', turn.ttlSeconds);
  }
  const { sfu } = settings;
  if (sfu) {
    if (!sfu.urls.length) throw new RelayConfigError(`${named('sfu.urls')} must list the Janus nodes' WebSocket URLs`);
    wholeNumber('sfu.threshold', sfu.threshold);
    wholeNumber('sfu.maxPeers', sfu.maxPeers);
    wholeNumber('sfu.backAfterMs', sfu.backAfterMs);
  }
  const { webhook } = settings;
  if (webhook) {
    if (!webhook.url) throw new RelayConfigError(`Webhooks need ${named('webhook.url')}: where to send the events`);
    webhookUrl(webhook.url, named('webhook.url'));
    if (!webhook.secret) {
      throw new RelayConfigError(
        `Webhooks need ${named('webhook.secret')}: the events are signed with it, so your backend knows they are the relay's`,
      );
    }
    wholeNumber('webhook.maxQueued', webhook.maxQueued);
  }
  if (settings.rateLimitBurst < settings.rateLimitPerSecond) {
    throw new RelayConfigError(`${named('rateLimitBurst')} must be at least ${named('rateLimitPerSecond')}`);
  }
  if (settings.headersTimeoutMs > settings.requestTimeoutMs) {
    throw new RelayConfigError(
      `${named('headersTimeoutMs')} must be at most ${named('requestTimeoutMs')}: the headers are part of the request`,
    );
  }
  if (settings.nodeTtlMs < 2 * settings.nodeHeartbeatMs) {
    throw new RelayConfigError(
      `${named('nodeTtlMs')} must be at least twice ${named('nodeHeartbeatMs')}, so one late heartbeat is not death`,
    );
  }
  return settings;
}

export function usage(): string {
  const lines = ROWS.map(([name, option]) => {
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

/**
 * Parses every row (its default when `written` has nothing for it) into the key it names. A group other than
 * `listen` (TURN, SFU, webhook) is null unless one of its variables was written.
 */
function assemble(written: (name: Name) => Written | undefined): {
  listen: Group<'listen'>;
  settings: RelaySettings;
} {
  const settings: Record<string, unknown> = {};
  const groups: Record<string, Record<string, unknown>> = {};
  const given = new Set<string>();
  for (const [name, option] of ROWS) {
    const value = written(name);
    const parsed = option.parse(value?.raw ?? option.fallback, value?.from ?? name);
    const [group, field] = option.key.split('.') as [string, string | undefined];
    if (field === undefined) {
      settings[group] = parsed;
      continue;
    }
    (groups[group] ??= {})[field] = parsed;
    if (value) given.add(group);
  }
  const { listen, ...others } = groups;
  for (const [group, fields] of Object.entries(others)) settings[group] = given.has(group) ? fields : null;
  return { listen: listen as Group<'listen'>, settings: settings as RelaySettings };
}

/**
 * A whole number no smaller than its variable's minimum, capped at 1: a program (a test) may go lower than an
 * operator should, but zero is allowed only where it turns something off (resume, its replay).
 */
function wholeNumber(key: string, value: number): void {
  const parse = rowOf(key)?.[1].parse;
  const min = Math.min(parse && 'min' in parse ? Number(parse.min) : 1, 1);
  if (!Number.isInteger(value) || value < min) {
    throw new RelayConfigError(`${named(key)} must be a whole number of at least ${min}, got ${value}`);
  }
}

/** An option as both its names: `rateLimitBurst (RATE_LIMIT_BURST)`. */
function named(key: string): string {
  const row = rowOf(key);
  return row ? `${key} (${row[0]})` : key;
}

function rowOf(key: string): [Name, Option<unknown>] | undefined {
  return ROWS.find(([, option]) => option.key === key);
}

function flagOptions(): Record<string, { type: 'string' | 'boolean' }> {
  const options: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' } };
  for (const [name] of ROWS) options[flagName(name)] = { type: 'string' };
  return options;
}

function flagName(variable: string): string {
  return variable.toLowerCase().replaceAll('_', '-');
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
