// The site of the effects' end-to-end tests: a page on another origin than the relay's that embeds the served bundle
// with one <video-conference> (room and name from its query), records the element's vc-* events, and measures the
// sound it receives from a participant; with `?voice`, its microphone plays a WAV (the voice in noise) instead,
// for browsers whose fake microphone plays only a tone (Firefox).
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'puppeteer-core';

/** The effects' API of <video-conference> these tests use (the e2e program does not compile src/). */
export interface EffectsApi extends HTMLElement {
  state: string;
  participants: Array<{ id: string; name: string; local: boolean; recording: boolean }>;
  localStream: MediaStream | null;
  background: string;
  noiseSuppression: boolean;
  musicMode: boolean;
  recording: boolean;
  setBackground(background: string): Promise<void>;
  setNoiseSuppression(enabled: boolean): Promise<void>;
  startRecording(): Promise<void>;
  stopRecording(): Promise<Blob | null>;
  react(emoji: string): Promise<void>;
}

/** What the page's script offers the tests (see PAGE_KIT). */
export interface Kit {
  /** The element's vc-* events since the page loaded (a stopped recording's blob left out), oldest first. */
  heard: Array<{ type: string; detail: Record<string, unknown> }>;
  /** Recordings the element gave in vc-recording-stopped (their download prevented). */
  recordings: Blob[];
  /** Starts analysing the sound received from participant `id` (their tile's stream); resolves once it is heard. */
  listenTo(id: string): Promise<void>;
  /** The power spectra (FFT_SIZE / 2 bins, linear) of `count` consecutive windows of that sound. */
  spectra(count: number): Promise<number[][]>;
  /** Duration (s) and size of a recording as this browser decodes it in a <video>. */
  decode(blob: Blob): Promise<{ duration: number; width: number; height: number; type: string }>;
}

declare global {
  interface Window {
    kit: Kit;
  }
}

export const FFT_SIZE = 8192;
export const SAMPLE_RATE = 48_000;

const EVENTS = [
  'vc-reaction',
  'vc-background-change',
  'vc-audio-mode-change',
  'vc-recording-started',
  'vc-recording-stopped',
  'vc-error',
];

/**
 * The page's own script, plain JavaScript (functions given to page.evaluate() are rewritten by tsx with helpers
 * the page lacks), run before the bundle so that the microphone is replaced before the widget opens it.
 */
const PAGE_KIT = `
const params = new URLSearchParams(location.search);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const FFT_SIZE = ${FFT_SIZE};

if (params.has('voice')) {
  // The microphone plays voice.wav in a loop (each caller gets a clone: the widget stops what it replaces).
  const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  let voice = null;
  const play = async () => {
    const context = new AudioContext({ sampleRate: ${SAMPLE_RATE} });
    const player = context.createBufferSource();
    player.buffer = await context.decodeAudioData(await (await fetch('voice.wav')).arrayBuffer());
    player.loop = true;
    const sink = context.createMediaStreamDestination();
    player.connect(sink);
    player.start();
    return sink.stream.getAudioTracks()[0];
  };
  navigator.mediaDevices.getUserMedia = async (constraints = {}) => {
    const tracks = constraints.video ? (await open({ video: constraints.video })).getVideoTracks() : [];
    if (constraints.audio) tracks.push((await (voice ??= play())).clone());
    return new MediaStream(tracks);
  };
}

let analyser = null;
window.kit = {
  heard: [],
  recordings: [],
  async listenTo(id) {
    const root = document.querySelector('video-conference').shadowRoot;
    const tile = root.querySelector('video-player[peer-id="' + CSS.escape(id) + '"]');
    // The tile plays the stream: Chromium feeds a remote track to Web Audio only while a media element plays it
    // (crbug.com/933677).
    const stream = tile.shadowRoot.querySelector('video').srcObject;
    const context = new AudioContext({ sampleRate: ${SAMPLE_RATE} });
    analyser = context.createAnalyser();
    analyser.fftSize = FFT_SIZE;
    analyser.smoothingTimeConstant = 0;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(FFT_SIZE);
    for (let tries = 0; ; tries++) {
      analyser.getFloatTimeDomainData(samples);
      if (samples.some((sample) => Math.abs(sample) > 0.01)) return;
      if (tries === 300) throw new Error('no sound received from ' + id);
      await sleep(100);
    }
  },
  async spectra(count) {
    const spectra = [];
    const decibels = new Float32Array(FFT_SIZE / 2);
    while (spectra.length < count) {
      await sleep((1000 * FFT_SIZE) / ${SAMPLE_RATE}); // a new window each time
      analyser.getFloatFrequencyData(decibels);
      spectra.push(Array.from(decibels, (db) => 10 ** (db / 10)));
    }
    return spectra;
  },
  async decode(blob) {
    const video = document.createElement('video');
    video.muted = true;
    video.src = URL.createObjectURL(blob);
    document.body.append(video);
    try {
      await new Promise((resolve, reject) => {
        video.onloadeddata = resolve;
        video.onerror = () => reject(new Error('the recording does not decode: ' + video.error?.message));
      });
      return { duration: video.duration, width: video.videoWidth, height: video.videoHeight, type: blob.type };
    } finally {
      URL.revokeObjectURL(video.src);
      video.remove();
    }
  },
};

addEventListener('DOMContentLoaded', () => {
  const element = document.querySelector('video-conference');
  for (const type of ${JSON.stringify(EVENTS)}) {
    element.addEventListener(type, (event) => {
      const { blob, ...detail } = event.detail ?? {};
      if (blob) {
        event.preventDefault();
        kit.recordings.push(blob);
      }
      kit.heard.push({ type, detail });
    });
  }
});
`;

/**
 * Serves the page at any path but `/voice.wav` (the file at `wav`, when given) from http://localhost:PORT.
 * Open it as `<url>?room=R&name=N`, with `&voice` for the WAV microphone.
 */
export async function startEffectsSite(
  relayUrl: string,
  wav?: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const html = `<!doctype html>
    <title>Effects</title>
    <script>${PAGE_KIT}</script>
    <script type="module" src="${relayUrl}video-conference.js"></script>
    <body>
    <script>
      const query = new URLSearchParams(location.search);
      const element = document.createElement('video-conference');
      element.setAttribute('room', query.get('room'));
      element.setAttribute('name', query.get('name'));
      document.body.append(element);
    </script>`;
  const voice = wav ? readFileSync(wav) : null;
  const server: Server = createServer((request, response) => {
    if (voice && request.url === '/voice.wav') response.writeHead(200, { 'content-type': 'audio/wav' }).end(voice);
    else response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // the browser keeps its keep-alive connection open
      }),
  };
}

/** The events of `type` the page's element fired so far, their details. */
export function heard<T = Record<string, unknown>>(page: Page, type: string): Promise<T[]> {
  return page.evaluate(
    (type) => window.kit.heard.filter((event) => event.type === type).map((event) => event.detail),
    type,
  ) as Promise<T[]>;
}

/** Rejects with `what` if `promise` has not settled within `ms` (a page call that would otherwise hang the test). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
