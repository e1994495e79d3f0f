// The call's events that its element re-fires as they are, as vc-* events (composed, for the page); the call
// controller handles the rest (state, errors, changes), which it also acts on.
import type { Call } from '../../rtc/index.ts';
import { emit } from '../events.ts';

/** Re-fires `call`'s events on `host`; returns the unsubscribe functions. */
export function forwardEvents(call: Call, host: HTMLElement): Array<() => void> {
  return [
    call.on('joined', (detail) => emit(host, 'vc-joined', detail)),
    call.on('left', () => emit(host, 'vc-left', {})),
    call.on('peer-joined', (detail) => emit(host, 'vc-peer-joined', detail)),
    call.on('peer-left', (detail) => emit(host, 'vc-peer-left', detail)),
    call.on('participant-change', (detail) => emit(host, 'vc-participant-change', detail)),
    call.on('message', (entry) => emit(host, 'vc-message', entry)),
    call.on('data', (detail) => emit(host, 'vc-data', detail)),
    call.on('active-speaker', (detail) => emit(host, 'vc-active-speaker', detail)),
    call.on('mode-change', (detail) => emit(host, 'vc-mode-change', detail)),
    call.on('quality', (detail) => emit(host, 'vc-quality', detail)),
    call.on('device-lost', ({ kind }) =>
      emit(host, 'vc-device-change', { kind, deviceId: call.media?.deviceIds[kind] ?? '', lost: true }),
    ),
    call.on('knock', ({ id, name = '', verified }) => emit(host, 'vc-knock', { id, name, verified: !!verified })),
    call.on('knock-ended', (detail) => emit(host, 'vc-knock-ended', detail)),
    call.on('host-action', (action) => {
      const { by } = action;
      if (action.action === 'remove') emit(host, 'vc-participant-removed', { id: action.id, by });
      else if (action.action === 'lock') emit(host, action.locked ? 'vc-room-locked' : 'vc-room-unlocked', { by });
      else if (action.action === 'lobby') emit(host, 'vc-lobby-change', { enabled: action.enabled, by });
      else emit(host, 'vc-mute-requested', action.id ? { by, id: action.id } : { by });
    }),
  ];
}
