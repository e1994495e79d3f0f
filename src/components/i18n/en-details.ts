// The rest of the English wording: what only the widget's chunks show (error screens and notices, panels,
// the pre-join screen, the tile info panel, the invitation card). Kept out of the bundle, which holds what a
// call shows from its first frame (strings.ts); each chunk fills in these under the wording it is given, so a
// translation or a site's own string still wins.
import type { EN, Strings } from './strings.ts';

export const EN_DETAILS = {
  // The call's state
  'state.idle': 'Set a room to start a call.',
  'state.left': 'You left the call.',
  // Errors, by code
  'error.insecure-context': 'Camera and microphone need a secure page: open this page over https:// or on localhost.',
  'error.unsupported-browser': 'This browser cannot make video calls. Try a current Chrome, Edge, Firefox or Safari.',
  'error.permission-denied':
    'Camera and microphone access is blocked. Allow it in the browser’s site settings (the icon in the address bar), then retry.',
  'error.permission-denied.iframe':
    'This page embeds the call in an iframe without allow="{allow}": the site must add it to the <iframe>.',
  'error.no-devices': 'No camera or microphone was found: you joined with what is available.',
  'error.device-in-use': 'The camera or microphone is in use by another application. Close it, then retry.',
  'error.screen-share-refused': 'Screen sharing is blocked on this page: the site must allow display-capture.',
  'error.screen-share-unavailable': 'No screen can be shared on this device or in this browser.',
  'error.screen-share-needs-click': 'Screen sharing must start from a click: use the screen-share button.',
  'error.effect-unsupported': 'This browser cannot run that effect.',
  'error.effect-failed': 'The effect could not start: your camera or microphone is sent as it is.',
  'error.recording-unsupported': 'This browser cannot record the call.',
  'error.recording-failed': 'The recording stopped because of an error.',
  'error.peer-connection-failed': 'Could not connect to a participant. The network may need a TURN server.',
  'error.invalid-request': 'The call server refused the request. Check the room name.',
  'error.room-full': 'This room is full. You will join as soon as someone leaves.',
  'error.unauthorized': 'This room needs a valid password or invitation.',
  'error.unauthorized.expired': 'Your invitation has expired: ask the host for a new link.',
  wrongPassword: 'That password is not right. Try again.',
  'error.unauthorized.rename': 'Your name comes from your invitation: it cannot be changed.',
  'error.not-joined': 'Not in a room yet.',
  'error.unknown-peer': 'That participant has left.',
  'error.rate-limited': 'Too many messages: slow down.',
  'error.payload-too-large': 'A message was too large to send.',
  'error.server-shutting-down': 'The call server is restarting. Reconnecting…',
  'error.store-unavailable': 'The call server is briefly unavailable. Try again in a moment.',
  'error.sfu-unavailable':
    'The server for large calls cannot be reached: you stay connected directly where the call is small enough.',
  // Hosts, the waiting room and what they do
  'state.waiting': 'Waiting for the host to let you in…',
  waitingNoHost: 'The host has not joined yet: you will get in once they let you in.',
  'error.forbidden': 'Only a host can do that.',
  'error.room-locked': 'This room is locked: nobody new can join right now.',
  'error.removed': 'A host removed you from this call.',
  'error.denied': 'The host did not let you in.',
  'error.lobby-timeout': 'Nobody let you in in time. Try again later.',
  'error.ended': 'The host ended the call for everyone.',
  endedByYou: 'You ended the call for everyone.',
  closeParticipants: 'Close participants',
  waitingToJoin: 'Waiting to join',
  inTheCall: 'In the call',
  knocking: '{name} is waiting to join',
  admit: 'Admit',
  deny: 'Deny',
  removeName: 'Remove {name}',
  askToMute: 'Ask {name} to mute',
  muteEveryone: 'Mute everyone',
  lockRoom: 'Lock the room',
  lobbyMode: 'Waiting room',
  endForAll: 'End call for everyone',
  endForAllConfirm: 'Click again to end it for everyone',
  copyHostLink: 'Copy co-host link',
  announceLocked: 'The room is locked',
  announceUnlocked: 'The room is unlocked',
  announceLobbyOn: 'Waiting room on: a host lets each newcomer in',
  announceLobbyOff: 'Waiting room off',
  announceMutedByHost: 'The host muted you',
  announceMuteAsked: '{name} was asked to mute',
  announceMuteAllAsked: 'Everyone was asked to mute',
  // Toolbar and buttons
  joinAgain: 'Join again',
  tryAgain: 'Try again',
  retryMedia: 'Retry camera and microphone',
  // Tiles
  closeDetails: 'Close details',
  statVideo: 'Video',
  statSending: 'Sending',
  statRoundTrip: 'Round trip',
  statLoss: 'Loss',
  statPath: 'Path',
  'path.direct': 'direct',
  'path.relayed': 'relayed (TURN)',
  'path.unknown': 'unknown',
  safetyCode: 'Safety code',
  viaServerHelp:
    'Via the server: this large call’s media are encrypted to the call server, which forwards them. They are not end-to-end encrypted, so there is no safety code to compare.',
  safetyCodeHelp: 'Read it aloud: if both of you see the same code, nobody is in the middle of this connection.',
  // Pre-join screen
  prejoinTitle: 'Ready to join?',
  yourName: 'Your name',
  nameInvalid: 'Use 1 to 64 printable characters, or none to join as {guest}.',
  microphoneLevel: 'Microphone level',
  blocked: 'Blocked',
  password: 'Password',
  // Chat panel
  closeChat: 'Close chat',
  messages: 'Messages',
  noMessages: 'No messages yet.',
  message: 'Message',
  send: 'Send',
  // Settings panel
  closeSettings: 'Close settings',
  noneFound: 'None found',
  cameraNumber: 'Camera {number}',
  microphoneNumber: 'Microphone {number}',
  speakerNumber: 'Speaker {number}',
  background: 'Background',
  backgroundNone: 'None',
  backgroundBlur: 'Blur',
  backgroundImage: 'Image',
  chooseImage: 'Choose an image…',
  noiseSuppression: 'Noise suppression',
  musicMode: 'Music mode (for instruments; use headphones)',
  // Reactions and recording
  sendReaction: 'Send a reaction',
  announceReaction: '{name} reacted {emoji}',
  recordingYou: 'Recording {time}',
  recordingOthers: 'Recording: {names}',
  stopRecording: 'Stop recording',
  announceRecording: '{name} started recording the call',
  announceRecordingStopped: '{name} stopped recording',
  // Announced to screen readers
  alone: 'You’re the only one here. Invite others with this link:',
  inviteLink: 'Invitation link',
  copyLink: 'Copy link',
  linkCopied: 'Link copied',
};

export type StringKey = keyof typeof EN | keyof typeof EN_DETAILS;
/** Every string: a translation's table. */
export type AllStrings = Record<StringKey, string>;

/** `t` with English for whatever it lacks of the details. */
export function withDetails(t: Strings): AllStrings {
  return { ...EN_DETAILS, ...t } as AllStrings;
}
