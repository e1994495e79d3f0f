// The widget's entry point and public bundle: defines <video-conference> and <video-player>,
// and re-exports the types site owners use with them.
export { VideoConference } from './components/video-conference/video-conference.ts';
export { VideoPlayer } from './components/video-player/video-player.ts';
export type { VideoConferenceEventDetails, VideoConferenceEventMap } from './components/events.ts';
export type { CallState, Participant } from './rtc/index.ts';
export type { ErrorCode } from './rtc/index.ts';
export type { PeerLeftReason } from './protocol.ts';
