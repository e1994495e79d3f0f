// The options of the call an element makes, from its attributes: the relay (by default the one that served
// this script), the room (picked when none is set: the page's `#room=`, else a new one), and the host key
// (the `host-key` attribute, else a host invitation's in the page's fragment, else the one the element held,
// else one an earlier page of this tab kept: room-id.ts).
import type { ReactiveControllerHost } from 'lit';
import type { CallOptions } from '../../rtc/index.ts';
import { hostKeyFromFragment, newRoomId, roomFromFragment, storedHostKey } from '../video-conference/room-id.ts';

/** The relay that served this script: the bundle is loaded from https://relay.example.com/video-conference.js. */
const BUNDLE_SERVER = new URL('./', import.meta.url).href;

/** The element's attributes that make its calls (see VideoConference for each). */
export interface CallHost extends ReactiveControllerHost, HTMLElement {
  room: string;
  readonly server: string;
  name: string;
  password: string;
  readonly token: string;
  readonly hostKey: string;
  readonly muted: boolean;
  readonly cameraOff: boolean;
  readonly maxUplinkKbps: number;
  readonly fixedQuality: boolean;
  /** Show a pre-join screen: open the camera for a preview and wait for join(). */
  readonly prejoin: boolean;
}

/** The relay `host` calls through (whose URL also serves the widget's chunks and its effects' files). */
export const relayOf = (host: Pick<CallHost, 'server'>): string => host.server || BUNDLE_SERVER;

/** Gives `host` a room if it has none: the page's `#room=`, else a new, unguessable one (set as its attribute). */
export function pickRoom(host: CallHost): void {
  if (host.room) return;
  host.room = roomFromFragment(location.hash) ?? newRoomId();
  host.setAttribute('room', host.room);
}

/**
 * The call `host` makes now, or null when there is nothing to join (no room). `hostKeys` are the keys it holds
 * by room: the one it joins with is added.
 */
export function callOptions(host: CallHost, hostKeys: Map<string, string>): CallOptions | null {
  const { room } = host;
  if (!room) return null;
  let { hostKey } = host;
  if (!hostKey) {
    hostKey = hostKeyFromFragment(location.hash, room) ?? hostKeys.get(room) ?? storedHostKey(room);
    hostKeys.set(room, hostKey);
  }
  return {
    server: relayOf(host),
    room,
    name: host.name || undefined,
    password: host.password || undefined,
    token: host.token || undefined,
    hostKey: hostKey || undefined,
    muted: host.muted,
    cameraOff: host.cameraOff,
    maxUplinkKbps: host.maxUplinkKbps,
    adaptive: !host.fixedQuality,
  };
}
