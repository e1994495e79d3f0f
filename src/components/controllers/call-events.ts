// The call's events that its element re-fires as they are, as vc-* events (composed, for the page); the call
// controller handles the rest (state, errors, changes), which it also acts on.
import type { Call, CallEvents } from '../../rtc/index.ts';
import { emit, type VideoConferenceEventDetails } from '../events.ts';

/** The call's events whose vc-* event is `vc-` and their name, with the same detail. */
const AS_THEY_ARE = [
  'joined',
  'peer-joined',
  'peer-left',
  'participant-change',
  'message',
  'data',
  'reaction',
  'active-speaker',
  'mode-change',
  'quality',
  'knock-ended',
] as const satisfies ReadonlyArray<
  keyof CallEvents & `${string}` & (keyof VideoConferenceEventDetails extends `vc-${infer N}` ? N : never)
>;

/** Re-fires `call`'s events on `host`; returns the unsubscribe functions. */
export function forwardEvents(call: Call, host: HTMLElement): Array<() => void> {
  return [
    ...AS_THEY_ARE.map((name) => call.on(name, (detail) => emit(host, `vc-${name}`, detail as never))),
    call.on('left', () => emit(host, 'vc-left', {})),
    call.on('device-lost', ({ kind }) =>
      emit(host, 'vc-device-change', { kind, deviceId: call.media?.deviceIds[kind] ?? '', lost: true }),
    ),
    call.on('knock', ({ id, name = '', verified }) => emit(host, 'vc-knock', { id, name, verified: !!verified })),
    call.on('host-action', (action) => {
      const { by } = action;
      if (action.action === 'remove') emit(host, 'vc-participant-removed', { id: action.id, by });
      else if (action.action === 'lock') emit(host, action.locked ? 'vc-room-locked' : 'vc-room-unlocked', { by });
      else if (action.action === 'lobby') emit(host, 'vc-lobby-change', { enabled: action.enabled, by });
      else emit(host, 'vc-mute-requested', action.id ? { by, id: action.id } : { by });
    }),
  ];
}
