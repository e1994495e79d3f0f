// Names and peer lists as Redis keeps them and the scripts (scripts.ts) return them: a join token's name is
// marked, and so is a host's, so that the scripts keep handling each name as one opaque string.
import type { PeerInfo } from '../../src/protocol.ts';
import { peerInfo, type Membership } from '../room-store.ts';

/** Starts a join token's (verified) name: no name may contain U+0001 (parseName refuses control characters). */
const VERIFIED_MARK = '\u0001';
/** Starts a host's stored name (before any verified mark); the scripts add it when a join makes a host. */
const HOST_MARK = '\u0002';

/** A guest's stored name (a host's is the same after HOST_MARK). */
export function storedName(name: string | undefined, verified: boolean | undefined): string {
  if (!name) return '';
  return verified ? VERIFIED_MARK + name : name;
}

/** A member's stored name, its role included. */
export function storedMember({ name, verified, role }: Pick<Membership, 'name' | 'verified' | 'role'>): string {
  return (role === 'host' ? HOST_MARK : '') + storedName(name, verified);
}

export function named(stored: string): Pick<Membership, 'name' | 'verified' | 'role'> {
  if (stored.startsWith(HOST_MARK)) return { ...named(stored.slice(1)), role: 'host' };
  if (!stored) return {};
  return stored.startsWith(VERIFIED_MARK) ? { name: stored.slice(1), verified: true } : { name: stored };
}

/** Peers from a script's reply: id, stored name pairs from `start` on (an empty name is none). */
export function peersFrom(reply: string[], start: number): PeerInfo[] {
  const peers: PeerInfo[] = [];
  for (let i = start; i + 1 < reply.length; i += 2) peers.push(peerInfo({ id: reply[i]!, ...named(reply[i + 1]!) }));
  return peers;
}
