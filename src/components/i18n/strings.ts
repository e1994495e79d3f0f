// The strings the widget shows from a call's first frame, in English (the toolbar, tiles, states, what is
// announced); the rest, which only its chunks show, is in en-details.ts. Both together are the table that
// translations follow (locales/*.ts) and that a site owner can override key by key (the element's `strings`
// property). `{name}`-style placeholders are filled by format().
export const EN = {
  // The call's state
  'state.joining': 'Joining…',
  'state.reconnecting': 'Reconnecting to the call server…',
  // Errors, by code
  'error.relay-unreachable': 'Cannot reach the call server. Retrying…',
  stalled: 'Still no connection to the call server. Check your network.',
  // Toolbar and buttons
  controls: 'Call controls',
  microphone: 'Microphone',
  camera: 'Camera',
  speaker: 'Speaker',
  screen: 'Share screen',
  hand: 'Raise hand',
  reactions: 'Reactions',
  record: 'Record',
  chat: 'Chat',
  settings: 'Settings',
  spotlight: 'Spotlight layout',
  fullscreen: 'Full screen',
  more: 'More options',
  leave: 'Leave call',
  participants: 'Participants',
  join: 'Join',
  tryNow: 'Try now',
  dismiss: 'Dismiss',
  enableAudio: 'Click to enable audio',
  unread: '{count} unread',
  // Tiles
  you: 'You',
  yourTile: '{name} (you)',
  screenTile: '{name} (screen)',
  presenting: 'You are presenting',
  stopPresenting: 'Stop presenting',
  guest: 'Guest',
  connecting: 'connecting…',
  reconnecting: 'reconnecting…',
  micOff: 'Microphone off',
  handRaised: 'Hand raised',
  verified: 'Verified name',
  host: 'Host',
  pin: 'Pin {name}',
  pictureInPicture: 'Picture in picture',
  details: 'Connection details',
  quality: 'Connection: {quality}',
  'quality.good': 'good',
  'quality.fair': 'fair',
  'quality.poor': 'poor',
  // Announced to screen readers
  announceJoined: '{name} joined',
  announceLeft: '{name} left',
  announceRemoved: '{name} was removed from the call',
  announceMuted: '{name} turned the microphone off',
  announceUnmuted: '{name} turned the microphone on',
  announceHand: '{name} raised a hand',
  announceMessage: 'Message from {name}: {text}',
};

/**
 * The wording the widget passes around: the bundled strings (at run time also a translation's or the site's
 * other strings, which withDetails() keeps when it adds the English details under them).
 */
export type Strings = Record<keyof typeof EN, string>;

/** Fills `{placeholder}`s in a string from the table. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
}
