// What the widget says to the person in the call: one line per state and per error code.
import type { CallState } from '../../rtc/call.ts';
import type { ErrorCode } from '../../rtc/errors.ts';

export const STATE_MESSAGES: Partial<Record<CallState, string>> = {
  idle: 'Set a room to start a call.',
  joining: 'Joining…',
  reconnecting: 'Reconnecting to the relay…',
  left: 'You left the call.',
};

export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  'insecure-context': 'Camera and microphone need a secure page: open this page over https:// or on localhost.',
  'unsupported-browser': 'This browser cannot make video calls. Try a current Chrome, Edge, Firefox or Safari.',
  'permission-denied':
    'Camera and microphone access is blocked. Allow it in the browser’s site settings (the icon in the address bar), then try again.',
  'no-devices': 'No camera or microphone was found.',
  'device-in-use': 'The camera or microphone is in use by another application. Close it, then try again.',
  'relay-unreachable': 'Cannot reach the call server. Retrying…',
  'peer-connection-failed': 'Could not connect to a participant. The network may need a TURN server.',
  'invalid-request': 'The call server refused the request. Check the room name.',
  'room-full': 'This room is full.',
  unauthorized: 'This room needs a valid password.',
  'not-joined': 'Not in a room yet.',
  'unknown-peer': 'That participant has left.',
  'rate-limited': 'Too many requests: slow down.',
  'payload-too-large': 'A message was too large to send.',
  'server-shutting-down': 'The call server is restarting. Reconnecting…',
};

/** Labels of the widget's controls and panels. */
export const LABELS = {
  controls: 'Call controls',
  microphone: 'Microphone',
  camera: 'Camera',
  screen: 'Share screen',
  hand: 'Raise hand',
  chat: 'Chat',
  settings: 'Settings',
  layoutSpotlight: 'Spotlight layout',
  fullscreen: 'Full screen',
  leave: 'Leave call',
  join: 'Join',
  joinAgain: 'Join again',
  tryAgain: 'Try again',
  retryMedia: 'Retry camera and microphone',
  dismiss: 'Dismiss',
  enableAudio: 'Click to enable audio',
  you: 'You',
  guest: 'Guest',
  connecting: 'connecting…',
  reconnecting: 'reconnecting…',
  yourName: 'Your name',
  prejoinTitle: 'Ready to join?',
  unread: (count: number) => `${count} unread`,
} as const;
