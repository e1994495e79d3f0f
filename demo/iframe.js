// The iframe demo: frames the relay's demo page for ?room= (and ?name=), or for a new room. The frame's
// allow attribute (in iframe.html) is what lets the framed page use the camera, microphone and screen.
const params = new URLSearchParams(location.search);
const framed = new URL('./', location.href);
framed.searchParams.set(
  'room',
  params.get('room') || `room-${crypto.getRandomValues(new Uint32Array(1))[0].toString(36)}`,
);
if (params.get('name')) framed.searchParams.set('name', params.get('name'));
document.getElementById('frame').src = framed.href;
