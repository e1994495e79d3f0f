// The rtc layer's one door: everything components (and the package's entry point) may use from rtc, types
// included. Files under src/components import rtc from here only; the rest of rtc is its own business.
export { AudioLevel } from './audio-level.ts';
export { Call, inCall } from './call.ts';
export type { CallEvents, CallOptions, CallState, ChatEntry, Participant, ParticipantStats } from './call-types.ts';
export type { ConnectivityReport } from './connectivity.ts';
export { Subscriptions } from './emitter.ts';
export type { LocalMedia } from './local-media.ts';
export { errorPolicy, RtcError, type ErrorCode, type ErrorPolicy } from './errors.ts';
export { listDevices, refusedByPermissionsPolicy, type DeviceLists, type DeviceOption } from './devices.ts';
export { REACTIONS, REACTIONS_BURST, REACTIONS_PER_SECOND, type Reaction, type VideoView } from './packets.ts';
export { tokenBucket } from './rate-limit.ts';
export type { TrackEffect, TrackEffects } from './local-media.ts';
export type { Quality } from './stats.ts';
export type { RoomMode } from '../protocol.ts';
