// Time-limited TURN credentials as coturn's use-auth-secret expects them (the "TURN REST API" scheme):
// username `expiry:peerId`, credential base64(HMAC-SHA1(secret, username)). Handed only to joined members.
import { createHmac } from 'node:crypto';
import type { IceServer } from '../src/protocol.ts';
import type { TurnSettings } from './config.ts';

export function turnServer({ urls, secret, ttlSeconds }: TurnSettings, peerId: string, now = Date.now()): IceServer {
  const username = `${Math.floor(now / 1000) + ttlSeconds}:${peerId}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { urls, username, credential };
}
