// How the tests start Debian's Chromium: headless as root, fake camera and microphone that are granted
// without a prompt, remote audio played without a click (otherwise every remote <video> plays muted, its
// audio is not rendered, and its stats' audio levels, which the speaker detection reads, stay at zero most of
// the time), none of the background network calls this sandbox would refuse, and none of the hidden
// WebUI pages (the omnibox popup) that Chromium would otherwise render for every new window and browser
// context: they cost about 0.8 s of CPU per context on the 2-core test machine. WebGL runs on SwiftShader (there
// is no GPU), which Chromium now wants asked for by flag: its automatic fallback is deprecated.
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
  '--enable-unsafe-swiftshader',
];
