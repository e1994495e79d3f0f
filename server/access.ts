// Who may enter a room: anyone when the relay has neither ROOM_PASSWORD nor JOIN_SECRET; otherwise whoever
// holds the password or a valid, unexpired join token for that room. The answer never depends on whether the
// room exists or who is in it. A token also says whether its holder is a host and must knock (its claims);
// without JOIN_SECRET, hosts are who created the room or hold its host key (room-store.ts decides that).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RelaySettings } from './config.ts';
import { verifyJoinToken } from './join-token.ts';
import type { Role } from '../src/protocol.ts';
import { newSecret } from './memory-rooms.ts';
import type { JoinAccess } from './room-store.ts';

export type Admission = { ok: true; name?: string; role?: Role; lobby?: boolean; token?: string } | { ok: false };

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
    if (claims?.room === room) {
      const { name, role, lobby } = claims;
      return {
        ok: true,
        token: credentials.token,
        ...(name && { name }),
        ...(role && { role }),
        ...(lobby && { lobby }),
      };
    }
  }
  return { ok: false };
}

/** What the store needs to decide a join's role and lobby, and the host key to hand whoever makes an open room. */
export interface JoinEntry {
  access: JoinAccess;
  newHostKey?: string;
}

/**
 * From an admission: a token's role and lobby claims; without JOIN_SECRET, the host key presented (if any) and a
 * new one in case the join makes the room. A removal bans the token, or without one the client's address.
 */
export function joinEntry(
  { joinSecret, maxKnocksPerRoom }: Pick<RelaySettings, 'joinSecret' | 'maxKnocksPerRoom'>,
  admission: Extract<Admission, { ok: true }>,
  { hostKey, address }: { hostKey?: string; address: string },
): JoinEntry {
  const { token, role, lobby } = admission;
  const access: JoinAccess = {
    // The address as it is (no copy of it per member): no address starts with "token:".
    banKey: token ? `token:${digest(token).toString('base64url')}` : address,
    maxKnocks: maxKnocksPerRoom,
    ...(role === 'host' && { role }),
    ...(lobby && (role === 'host' ? { lobbyOn: true } : { knock: true })),
  };
  if (joinSecret) return { access };
  const newHostKey = newSecret();
  access.newHostKeyHash = hostKeyHash(newHostKey);
  if (hostKey) access.hostKeyHash = hostKeyHash(hostKey);
  return { access, newHostKey };
}

/** Host keys are kept hashed: the store compares hashes, so no timing reveals a key. */
function hostKeyHash(key: string): string {
  return digest(key).toString('base64url');
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Compares in constant time, whatever the lengths. */
function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}
