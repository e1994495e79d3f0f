// Signed join tokens: a site owner's backend mints one per person and room with JOIN_SECRET, and the relay
// admits the holder to that room until it expires. Format: base64url(JSON claims) "." base64url(HMAC-SHA256).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseName, type Role } from '../src/protocol.ts';

export interface JoinClaims {
  room: string;
  /** When set, the holder appears under this name whatever the client asks for. */
  name?: string;
  /** `host` lets the holder admit, remove, mute, lock and end (DESIGN.md §7); the default is `guest`. */
  role?: Role;
  /** A guest's: knock and wait to be let in. A host's: the room gets a lobby when the holder joins. */
  lobby?: boolean;
  /** Expiry, in seconds since the Unix epoch. */
  exp: number;
}

export interface MintOptions {
  room: string;
  name?: string;
  role?: Role;
  lobby?: boolean;
  /** Lifetime in seconds; default one hour. */
  expiresInSeconds?: number;
}

/**
 * Mints a join token for one room. Run this on your own server (never in the browser: it needs the secret),
 * and hand the token to the page, e.g. `<video-conference room="r" token="…">`.
 *
 * @example
 * import { mintJoinToken } from 'video-conference/join-token';
 * const token = mintJoinToken({ room: 'board-meeting', name: 'Ada', expiresInSeconds: 600 }, process.env.JOIN_SECRET);
 * const hostToken = mintJoinToken({ room: 'board-meeting', name: 'Grace', role: 'host', lobby: true }, secret);
 */
export function mintJoinToken(
  { room, name, role, lobby, expiresInSeconds = 3600 }: MintOptions,
  secret: string,
  now = Date.now(),
): string {
  const parsed = name === undefined ? undefined : parseName(name);
  if (parsed && !parsed.ok) throw new TypeError(parsed.message);
  const claims: JoinClaims = {
    room,
    ...(parsed && { name: parsed.value }),
    ...(role === 'host' && { role }),
    ...(lobby && { lobby: true as const }),
    exp: Math.floor(now / 1000) + expiresInSeconds,
  };
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${body}.${sign(body, secret)}`;
}

/**
 * The token's claims if it is well formed (a name, if any, as the relay accepts names), signed with `secret`
 * and not expired; otherwise null.
 */
export function verifyJoinToken(token: string, secret: string, now = Date.now()): JoinClaims | null {
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(body, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!isClaims(claims) || claims.exp * 1000 <= now) return null;
  return claims.name === undefined ? claims : { ...claims, name: claims.name.trim() };
}

function sign(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

function isClaims(value: unknown): value is JoinClaims {
  if (typeof value !== 'object' || value === null) return false;
  const { room, name, role, lobby, exp } = value as Record<string, unknown>;
  return (
    typeof room === 'string' &&
    (name === undefined || parseName(name).ok) &&
    (role === undefined || role === 'host' || role === 'guest') &&
    (lobby === undefined || lobby === true || lobby === false) &&
    Number.isFinite(exp)
  );
}
