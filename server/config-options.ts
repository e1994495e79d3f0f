// The relay's settings as one table (DESIGN.md §5): each row gives an environment variable its command-line
// flag, default, help text, parser and the settings key it fills, so env, flags, --help and RelaySettings agree.
import {
  integer,
  keyPrefix,
  list,
  logLevel,
  LOG_LEVELS,
  optional,
  origins,
  publicUrl,
  redisUrl,
  sfuUrls,
  stunServers,
  text,
  trustProxy,
  webhookUrl,
  type Parse,
} from './config-values.ts';

export interface Option<T> {
  key: string;
  help: string;
  /** The value when unset, as it would be written in the environment. */
  fallback: string;
  parse: Parse<T>;
}

/**
 * Every setting, by environment variable; the flag is the same name in kebab case (--max-peers-per-room). `key`
 * is where the value goes: a RelaySettings key, `turn.…`, `sfu.…` or `webhook.…` for the parts of a group of
 * settings (null unless one of its variables is set), or `listen.…` for what only the command line uses
 * (ListenConfig).
 */
export const OPTIONS = {
  PORT: { key: 'listen.port', help: 'TCP port to listen on.', fallback: '3000', parse: integer(0, 65_535) },
  HOST: {
    key: 'listen.host',
    help: 'Address to listen on; 127.0.0.1 for this machine only.',
    fallback: '0.0.0.0',
    parse: text,
  },
  LOG_LEVEL: {
    key: 'listen.logLevel',
    help: `Log level: ${LOG_LEVELS.join(', ')}.`,
    fallback: 'info',
    parse: logLevel,
  },
  ALLOWED_ORIGINS: {
    key: 'allowedOrigins',
    help: 'Comma-separated origins whose pages may use the relay (https://example.com), or * for any.',
    fallback: '*',
    parse: origins,
  },
  PUBLIC_URL: {
    key: 'publicUrl',
    help: "The relay's URL as browsers reach it (https://relay.example.com): pages on its origin are its own (the demo).",
    fallback: '',
    parse: publicUrl,
  },
  TRUST_PROXY: {
    key: 'trustProxy',
    help: 'Behind reverse proxies: their addresses or CIDRs (comma-separated, or loopback), or how many there are; client addresses then come from X-Forwarded-For.',
    fallback: 'false',
    parse: trustProxy,
  },
  HEADERS_TIMEOUT_MS: {
    key: 'headersTimeoutMs',
    help: "Close connections that have not sent a request's headers within this time.",
    fallback: '10000',
    parse: integer(100),
  },
  REQUEST_TIMEOUT_MS: {
    key: 'requestTimeoutMs',
    help: 'Close connections that have not sent a whole request within this time.',
    fallback: '30000',
    parse: integer(100),
  },
  MAX_PEERS_PER_ROOM: {
    key: 'maxPeersPerRoom',
    help: 'Participants per room; the next join gets room-full.',
    fallback: '8',
    parse: integer(1),
  },
  ROOM_PASSWORD: { key: 'roomPassword', help: 'A password every room requires.', fallback: '', parse: optional },
  JOIN_SECRET: {
    key: 'joinSecret',
    help: 'Key for signed join tokens (HMAC-SHA256): a valid token for the room admits its holder.',
    fallback: '',
    parse: optional,
  },
  LOBBY_TIMEOUT_MS: {
    key: 'lobbyTimeoutMs',
    help: 'How long a knock waits in a lobby for a host to answer before it is turned away (lobby-timeout).',
    fallback: '600000',
    parse: integer(1),
  },
  MAX_KNOCKS_PER_ROOM: {
    key: 'maxKnocksPerRoom',
    help: "People waiting at once in one room's lobby; the next knock is refused (rate-limited).",
    fallback: '20',
    parse: integer(1),
  },
  MAX_KNOCKS_PER_IP: {
    key: 'maxKnocksPerIp',
    help: 'Knocks waiting at once from one client address on this relay; the next is refused (rate-limited).',
    fallback: '5',
    parse: integer(1),
  },
  KNOCKS_PER_MINUTE_PER_IP: {
    key: 'knocksPerMinutePerIp',
    help: 'New knocks one client address may make per minute on this relay (that many at once), withdrawn ones included; then rate-limited.',
    fallback: '20',
    parse: integer(1),
  },
  REMOVAL_BAN_MS: {
    key: 'removalBanMs',
    help: 'How long someone a host removed cannot join that room again (with the same token, or from the same address).',
    fallback: '3600000',
    parse: integer(1),
  },
  WEBHOOK_URL: {
    key: 'webhook.url',
    help: "Your backend's http(s) URL that the relay POSTs signed JSON events to (room started or ended, joins, leaves, knocks...); needs WEBHOOK_SECRET.",
    fallback: '',
    parse: webhookUrl,
  },
  WEBHOOK_SECRET: {
    key: 'webhook.secret',
    help: 'Key the webhooks are signed with (HMAC-SHA256, in x-vc-signature): your backend checks it with the same key.',
    fallback: '',
    parse: text,
  },
  WEBHOOK_QUEUE: {
    key: 'webhook.maxQueued',
    help: 'With WEBHOOK_URL: events waiting to be delivered; past it, the oldest waiting one is dropped.',
    fallback: '1000',
    parse: integer(1),
  },
  STUN_URLS: {
    key: 'iceServers',
    help: 'Comma-separated stun: or stuns: URLs for browsers.',
    fallback: '',
    parse: stunServers,
  },
  TURN_URLS: {
    key: 'turn.urls',
    help: 'Comma-separated turn: or turns: URLs; needs TURN_SECRET.',
    fallback: '',
    parse: list(/^turns?:\S+$/, 'turn: or turns: URLs'),
  },
  TURN_SECRET: {
    key: 'turn.secret',
    help: "The TURN server's shared secret (coturn static-auth-secret): the relay mints time-limited credentials from it.",
    fallback: '',
    parse: text,
  },
  TURN_TTL_S: {
    key: 'turn.ttlSeconds',
    help: 'Lifetime of the TURN credentials handed out, in seconds; the widget asks for fresh ones before they expire.',
    fallback: '3600',
    parse: integer(60),
  },
  PING_INTERVAL_MS: {
    key: 'pingIntervalMs',
    help: 'Heartbeat: how often each connection is pinged.',
    fallback: '25000',
    parse: integer(1),
  },
  PING_TIMEOUT_MS: {
    key: 'pingTimeoutMs',
    help: 'Heartbeat: how long the answer may take.',
    fallback: '20000',
    parse: integer(1),
  },
  CONNECT_TIMEOUT_MS: {
    key: 'connectTimeoutMs',
    help: 'Close connections that send no Socket.IO CONNECT within this time.',
    fallback: '10000',
    parse: integer(1),
  },
  JOIN_TIMEOUT_MS: {
    key: 'joinTimeoutMs',
    help: 'Close connections that join no room within this time.',
    fallback: '30000',
    parse: integer(1),
  },
  MAX_PAYLOAD_BYTES: {
    key: 'maxPayloadBytes',
    help: 'Largest WebSocket message; larger ones close the connection.',
    fallback: '65536',
    parse: integer(1024),
  },
  MAX_BUFFERED_BYTES: {
    key: 'maxBufferedBytes',
    help: 'Bytes waiting to be sent to one client past which it is disconnected (1008): a client that stopped reading.',
    fallback: '1048576',
    parse: integer(65_536),
  },
  RATE_LIMIT_PER_SECOND: {
    key: 'rateLimitPerSecond',
    help: 'Packets of any kind each connection may send per second, on average.',
    fallback: '50',
    parse: integer(1),
  },
  RATE_LIMIT_BURST: {
    key: 'rateLimitBurst',
    help: 'Packets each connection may send in one burst.',
    fallback: '200',
    parse: integer(1),
  },
  MAX_CONNECTIONS_PER_IP: {
    key: 'maxConnectionsPerIp',
    help: 'Open connections per client address (a browser opens up to 7 to load the widget and call).',
    fallback: '50',
    parse: integer(1),
  },
  RESUME_GRACE_MS: {
    key: 'resumeGraceMs',
    help: 'How long a dropped participant keeps its place for a resume before the room hears peer-left.',
    fallback: '15000',
    parse: integer(0),
  },
  RESUME_BUFFER_BYTES: {
    key: 'resumeBufferBytes',
    help: 'Bytes of events kept per participant so a resume misses nothing; past it, the resume fails.',
    fallback: '262144',
    parse: integer(0),
  },
  RESUME_HELD_PER_IP: {
    key: 'resumeHeldPerIp',
    help: 'Dropped participants held for a resume per client address; past it, the oldest one of theirs ends at once.',
    fallback: '20',
    parse: integer(1),
  },
  RESUME_HELD_BYTES: {
    key: 'resumeHeldBytes',
    help: 'Bytes of events this relay keeps for all held participants together; past it, the oldest hold ends at once.',
    fallback: '33554432',
    parse: integer(0),
  },
  REDIS_URL: {
    key: 'redisUrl',
    help: 'Scale-out: keep rooms in this Redis (redis://host:6379/0) so that several relays act as one. Unset: in memory.',
    fallback: '',
    parse: redisUrl,
  },
  SFU_URL: {
    key: 'sfu.urls',
    help: 'Large rooms: the WebSocket API of one or more Janus nodes (ws://127.0.0.1:8188, comma-separated) that rooms move onto past SFU_THRESHOLD. Unset: every room is a mesh.',
    fallback: '',
    parse: sfuUrls,
  },
  SFU_THRESHOLD: {
    key: 'sfu.threshold',
    help: 'With SFU_URL: the number of participants at which a room moves onto the SFU (a room of one less stays a mesh).',
    fallback: '5',
    parse: integer(2),
  },
  SFU_MAX_PEERS: {
    key: 'sfu.maxPeers',
    help: 'With SFU_URL: participants per room (it replaces MAX_PEERS_PER_ROOM).',
    fallback: '50',
    parse: integer(2),
  },
  SFU_BACK_AFTER_MS: {
    key: 'sfu.backAfterMs',
    help: 'With SFU_URL: a room down to SFU_THRESHOLD - 2 participants or fewer for this long moves back to the mesh.',
    fallback: '30000',
    parse: integer(1000),
  },
  REDIS_KEY_PREFIX: {
    key: 'redisKeyPrefix',
    help: 'Prefix of the Redis keys and channels, so that several deployments can share one Redis.',
    fallback: 'vc:',
    parse: keyPrefix,
  },
  NODE_HEARTBEAT_MS: {
    key: 'nodeHeartbeatMs',
    help: 'With Redis: how often each relay tells the others it is alive.',
    fallback: '5000',
    parse: integer(100),
  },
  NODE_TTL_MS: {
    key: 'nodeTtlMs',
    help: "With Redis: a relay silent this long is taken for dead, and its members' places end (peer-left timeout).",
    fallback: '15000',
    parse: integer(200),
  },
} as const satisfies Record<string, Option<unknown>>;
