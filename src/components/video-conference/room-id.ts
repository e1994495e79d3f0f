// Room ids for <video-conference> without a `room`: an unguessable new one, the one a page's `#room=` names,
// and the link that invites others to a room (with `&host=`, as hosts: a host invitation); and the host key an
// earlier page of this tab kept for a room (hosts.ts keeps it, and takes it out of the address bar).
import { PEER_ID_PATTERN, ROOM_PATTERN } from '../../protocol.ts';
import { readStored } from '../shared/stored.ts';

/** A new private room: 16 random bytes (128 bits) in base64url without padding, 22 characters. */
export function newRoomId(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}

/** RFC 4648 §5 base64url, without padding: `[0xfb, 0xff]` becomes `-_8`. */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The room a URL fragment names, read like a query string (`#room=abc&lang=fr` gives `abc`); null when it
 * names none or the name is not a valid room.
 */
export function roomFromFragment(hash: string): string | null {
  const room = new URLSearchParams(hash.replace(/^#/, '')).get('room');
  return room !== null && ROOM_PATTERN.test(room) ? room : null;
}

/** The host key of a host invitation to `room` (`#room=abc&host=<key>`), or null. */
export function hostKeyFromFragment(hash: string, room: string): string | null {
  const fragment = new URLSearchParams(hash.replace(/^#/, ''));
  const key = fragment.get('host');
  return key && fragment.get('room') === room && PEER_ID_PATTERN.test(key) ? key : null;
}

/** Where a host key is kept for a reload of this tab: sessionStorage, under this prefix and the room. */
export const HOST_KEY_ITEM = 'video-conference-host-key:';

/** Rooms whose stored key one element of this page took, or stored: the page's other elements stay guests. */
export const claimedRooms = new Set<string>();

/** The host key an earlier page of this tab kept for `room` (a reload keeps the role), for the first to ask. */
export function storedHostKey(room: string): string {
  if (claimedRooms.has(room)) return '';
  claimedRooms.add(room);
  return readStored('sessionStorage', HOST_KEY_ITEM + room);
}

/**
 * `pageUrl` with its fragment replaced by `#room=<room>` (and `&host=<key>`, a host invitation):
 * `https://example.com/call?x=1#room=abc`.
 */
export function roomUrl(pageUrl: string, room: string, hostKey = ''): string {
  const url = new URL(pageUrl);
  url.hash = `room=${encodeURIComponent(room)}${hostKey && `&host=${hostKey}`}`;
  return url.href;
}
