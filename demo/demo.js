// The demo page's behaviour: picks the room from ?room=, shows a link to share, and logs the element's events.
// It uses <video-conference> only through its public attributes, methods and events, as a site owner would.
const params = new URLSearchParams(location.search);
const room = params.get('room');
const name = params.get('name') ?? localStorage.getItem('video-conference-demo-name') ?? '';
const form = document.getElementById('join-form');
const call = document.getElementById('call');
// Created here, not in the page: an element in the page without a room would start a new private call at once.
const element = document.createElement('video-conference');

document.getElementById('snippet').textContent =
  `<script type="module" src="${new URL('video-conference.js', location.href)}"></script>\n` +
  `<video-conference room="${room || 'my-room'}"></video-conference>`;

form.room.value = room || `room-${crypto.getRandomValues(new Uint32Array(1))[0].toString(36)}`;
form.name.value = name;
form.addEventListener('submit', () => localStorage.setItem('video-conference-demo-name', form.name.value.trim()));

if (room) {
  form.hidden = true;
  call.hidden = false;
  const shareUrl = new URL(location.href);
  shareUrl.searchParams.delete('name');
  const link = document.getElementById('share-link');
  link.href = link.textContent = shareUrl.href;
  document.getElementById('copy-link').addEventListener('click', () => navigator.clipboard?.writeText(shareUrl.href));
  document.getElementById('leave').addEventListener('click', () => element.leave());
  if (name) element.setAttribute('name', name);
  element.setAttribute('room', room);
  call.querySelector('.share').after(element);
}

const log = document.getElementById('event-log');
for (const type of ['vc-state-change', 'vc-joined', 'vc-left', 'vc-peer-joined', 'vc-peer-left', 'vc-error']) {
  element.addEventListener(type, (event) => {
    const item = document.createElement('li');
    item.textContent = `${new Date().toLocaleTimeString()} ${type} ${JSON.stringify(event.detail)}`;
    log.prepend(item);
  });
}
