// The module demo (module.html, and /strict under a strict CSP): the widget used from a framework-free ES
// module. It imports the bundle, creates <video-conference> for ?room= (or a new private room) and logs
// every vc-* event the element fires, newest first.
import './video-conference.js';

/** Every event <video-conference> fires (its @fires list in custom-elements.json; a test keeps them equal). */
export const VC_EVENTS = [
  'vc-state-change',
  'vc-joined',
  'vc-left',
  'vc-peer-joined',
  'vc-peer-left',
  'vc-participant-change',
  'vc-message',
  'vc-data',
  'vc-active-speaker',
  'vc-device-change',
  'vc-audio-blocked',
  'vc-layout-change',
  'vc-quality',
  'vc-mode-change',
  'vc-knock',
  'vc-knock-ended',
  'vc-participant-removed',
  'vc-room-locked',
  'vc-room-unlocked',
  'vc-lobby-change',
  'vc-mute-requested',
  'vc-room-ended',
  'vc-reaction',
  'vc-background-change',
  'vc-audio-mode-change',
  'vc-recording-started',
  'vc-recording-stopped',
  'vc-error',
];

const params = new URLSearchParams(location.search);
const call = document.createElement('video-conference');
const log = document.getElementById('event-log');
const link = document.getElementById('share-link');

for (const type of VC_EVENTS) {
  call.addEventListener(type, (event) => {
    const item = document.createElement('li');
    item.dataset.type = type;
    item.textContent = `${new Date().toLocaleTimeString()} ${type} ${JSON.stringify(event.detail)}`;
    log.prepend(item);
  });
}

// Without ?room= the element joins the #room= of the address, or makes a private room; shareUrl invites to it.
call.addEventListener('vc-joined', () => {
  link.href = link.textContent = call.shareUrl;
});
if (params.get('room')) call.setAttribute('room', params.get('room'));
if (params.get('name')) call.setAttribute('name', params.get('name'));
document.getElementById('call').append(call);
