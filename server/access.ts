// Who may enter a room: anyone when the relay has neither ROOM_PASSWORD nor JOIN_SECRET; otherwise whoever
// holds the password or a valid, unexpired join token for that room. The answer never depends on whether the
// room exists or who is in it.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RelaySettings } from './config.ts';
import { verifyJoinToken } from './join-token.ts';

export type Admission = { ok: true; name?: string } | { ok: false };

export function admit(
  { roomPassword, joinSecret }: Pick<RelaySettings, 'roomPassword' | 'joinSecret'>,
  room: string,
  credentials: { password?: string; token?: string },
): Admission {
  if (!roomPassword && !joinSecret) return { ok: true };
  if (roomPassword && credentials.password !== undefined && sameSecret(credentials.password, roomPassword)) {
    return { ok: true };
  }
  if (joinSecret && credentials.token !== undefined) {
    const claims = verifyJoinToken(credentials.token, joinSecret);
    if (claims?.room === room) return claims.name ? { ok: true, name: claims.name } : { ok: true };
  }
  return { ok: false };
}

/** Compares in constant time, whatever the lengths. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
