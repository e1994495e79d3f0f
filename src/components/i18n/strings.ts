// Every string the widget shows, in English: the one table translations follow (locales/*.ts) and that a
// site owner can override key by key (the element's `strings` property). `{name}`-style placeholders are
// filled by format().

export const EN = {
  // The call's state
  'state.idle': 'Set a room to start a call.',
  'state.joining': 'Joining…',
  'state.reconnecting': 'Reconnecting to the call server…',
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
  'error.relay-unreachable': 'Cannot reach the call server. Retrying…',
  'error.peer-connection-failed': 'Could not connect to a participant. The network may need a TURN server.',
  'error.invalid-request': 'The call server refused the request. Check the room name.',
  'error.room-full': 'This room is full.',
  'error.unauthorized': 'This room needs a valid password or invitation.',
  'error.unauthorized.rename': 'Your name comes from your invitation: it cannot be changed.',
  'error.not-joined': 'Not in a room yet.',
  'error.unknown-peer': 'That participant has left.',
  'error.rate-limited': 'Too many messages: slow down.',
  'error.payload-too-large': 'A message was too large to send.',
  'error.server-shutting-down': 'The call server is restarting. Reconnecting…',
  // Toolbar and buttons
  controls: 'Call controls',
  microphone: 'Microphone',
  camera: 'Camera',
  speaker: 'Speaker',
  screen: 'Share screen',
  hand: 'Raise hand',
  chat: 'Chat',
  settings: 'Settings',
  spotlight: 'Spotlight layout',
  fullscreen: 'Full screen',
  leave: 'Leave call',
  join: 'Join',
  joinAgain: 'Join again',
  tryAgain: 'Try again',
  retryMedia: 'Retry camera and microphone',
  dismiss: 'Dismiss',
  enableAudio: 'Click to enable audio',
  unread: '{count} unread',
  // Tiles
  you: 'You',
  yourTile: '{name} (you)',
  screenTile: '{name} (screen)',
  guest: 'Guest',
  connecting: 'connecting…',
  reconnecting: 'reconnecting…',
  micOff: 'Microphone off',
  handRaised: 'Hand raised',
  verified: 'Verified name',
  pin: 'Pin {name}',
  pictureInPicture: 'Picture in picture',
  details: 'Connection details',
  closeDetails: 'Close details',
  quality: 'Connection: {quality}',
  'quality.good': 'good',
  'quality.fair': 'fair',
  'quality.poor': 'poor',
  statVideo: 'Video',
  statSending: 'Sending',
  statRoundTrip: 'Round trip',
  statLoss: 'Loss',
  statPath: 'Path',
  'path.direct': 'direct',
  'path.relayed': 'relayed (TURN)',
  'path.unknown': 'unknown',
  safetyCode: 'Safety code',
  safetyCodeHelp: 'Read it aloud: if both of you see the same code, nobody is in the middle of this connection.',
  // Pre-join screen
  prejoinTitle: 'Ready to join?',
  yourName: 'Your name',
  nameInvalid: 'Use 1 to 64 printable characters, or none to join as {guest}.',
  microphoneLevel: 'Microphone level',
  blocked: 'Blocked',
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
  // Announced to screen readers
  announceJoined: '{name} joined',
  announceLeft: '{name} left',
  announceMuted: '{name} turned the microphone off',
  announceUnmuted: '{name} turned the microphone on',
  announceHand: '{name} raised a hand',
  announceMessage: 'Message from {name}: {text}',
};

export type StringKey = keyof typeof EN;
export type Strings = Record<StringKey, string>;

/** Fills `{placeholder}`s in a string from the table. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
}
