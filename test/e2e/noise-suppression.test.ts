// End to end, noise suppression in what the other side hears: Chromium's fake microphone plays a generated WAV of
// a synthetic voice in white noise (test/support/noisy-tone-wav.ts), a page sends it over a real RTCPeerConnection
// (loopback, in the page) raw or through src/effects/noise/, and an AnalyserNode on the received track measures
// the noise above the voice's band and in its pauses, against the voice. The same in Firefox, with the WAV played
// into a track by the page. Also: where audio may not start on its own, the suppressor starts on the first click.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import puppeteer, { type Page } from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { writeNoisyVoiceWav } from '../support/noisy-tone-wav.ts';
import { launchFirefox } from './firefox.ts';
import { launchChromium, openPage, startRelay, startSite, type Relay } from './harness.ts';

const FFT_SIZE = 8192;
const BIN_HZ = 48_000 / FFT_SIZE;

/**
 * The page's script, bundled with the module by esbuild as the widget's build bundles it (page.evaluate would get
 * functions that tsx rewrote with helpers the page lacks):
 * - received(assets, suppress, snapshots, from) sends the microphone or the recording (the WAV) to a second
 *   RTCPeerConnection and returns the power spectra (FFT_SIZE / 2 bins) of `snapshots` consecutive windows of what
 *   that one receives;
 * - startOnGesture(assets) starts suppression and records in `started` whether it resolved, and on which context;
 * - microphoneStarts(assets) starts and stops suppression on the microphone and returns the cleaned track's state.
 */
const PAGE_SCRIPT = `
import { startNoiseSuppression } from './src/effects/noise/noise-suppression.ts';

const FFT_SIZE = ${FFT_SIZE};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// The browser's own processing off, so that only RNNoise cleans the sound.
const microphone = async () =>
  (await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
  })).getAudioTracks()[0]!;

const NativeAudioContext = AudioContext;

/** The WAV the page embeds, played in a loop into a track: the voice in noise where no fake microphone plays it. */
async function recording(): Promise<MediaStreamTrack> {
  const context = new NativeAudioContext({ sampleRate: 48000 });
  const wav = await (await fetch(document.body.dataset.voice!)).arrayBuffer();
  const player = context.createBufferSource();
  player.buffer = await context.decodeAudioData(wav);
  player.loop = true;
  const sink = context.createMediaStreamDestination();
  player.connect(sink);
  player.start();
  return sink.stream.getAudioTracks()[0]!;
}

async function received(assets: string, suppress: boolean, snapshots: number, from: 'microphone' | 'recording') {
  const raw = await (from === 'microphone' ? microphone() : recording());
  const suppressor = suppress ? await startNoiseSuppression(raw, new URL(assets)) : undefined;
  const sender = new RTCPeerConnection();
  const receiver = new RTCPeerConnection();
  sender.onicecandidate = ({ candidate }) => candidate && receiver.addIceCandidate(candidate);
  receiver.onicecandidate = ({ candidate }) => candidate && sender.addIceCandidate(candidate);
  const arrived = new Promise<MediaStreamTrack>((resolve) => (receiver.ontrack = ({ track }) => resolve(track)));
  sender.addTrack(suppressor?.track ?? raw);
  await sender.setLocalDescription();
  await receiver.setRemoteDescription(sender.localDescription!);
  await receiver.setLocalDescription();
  await sender.setRemoteDescription(receiver.localDescription!);
  const remote = new MediaStream([await arrived]);
  // Chromium feeds a remote track to Web Audio only while a media element plays it (crbug.com/933677).
  const audio = new Audio();
  audio.muted = true;
  audio.srcObject = remote;
  await audio.play();
  const context = new AudioContext({ sampleRate: 48000 });
  const analyser = context.createAnalyser();
  analyser.fftSize = FFT_SIZE;
  analyser.smoothingTimeConstant = 0;
  context.createMediaStreamSource(remote).connect(analyser);

  const samples = new Float32Array(FFT_SIZE);
  for (let tries = 0; ; tries++) {
    analyser.getFloatTimeDomainData(samples);
    if (samples.some((sample) => Math.abs(sample) > 0.01)) break;
    if (tries === 300) throw new Error('no sound received');
    await sleep(100);
  }
  const spectra: number[][] = [];
  const decibels = new Float32Array(FFT_SIZE / 2);
  while (spectra.length < snapshots) {
    await sleep((1000 * FFT_SIZE) / 48000); // a new window each time
    analyser.getFloatFrequencyData(decibels);
    spectra.push(Array.from(decibels, (db) => 10 ** (db / 10)));
  }
  audio.srcObject = null;
  await context.close();
  sender.close();
  receiver.close();
  suppressor?.stop();
  raw.stop();
  return spectra;
}

const contexts: AudioContext[] = [];
window.AudioContext = class extends NativeAudioContext {
  constructor(options?: AudioContextOptions) {
    super(options);
    contexts.push(this);
  }
};
const started = { resolved: false, contextState: () => contexts[0]?.state ?? 'none', trackState: '' };

// A page that captures the microphone may start audio at once in Chromium, so this one sends a track of its own.
async function startOnGesture(assets: string): Promise<void> {
  const track = new NativeAudioContext().createMediaStreamDestination().stream.getAudioTracks()[0]!;
  const suppressor = await startNoiseSuppression(track, new URL(assets));
  started.resolved = true;
  started.trackState = suppressor.track.readyState;
}

async function microphoneStarts(assets: string): Promise<string> {
  const raw = await microphone();
  const suppressor = await startNoiseSuppression(raw, new URL(assets));
  const state = suppressor.track.readyState;
  suppressor.stop();
  raw.stop();
  return state;
}

Object.assign(window, { received, startOnGesture, started, microphoneStarts });
`;

/** Calls one of the page script's functions (by its source text: see PAGE_SCRIPT). */
function call<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(`${name}(${args.map((arg) => JSON.stringify(arg)).join(', ')})`) as Promise<T>;
}

/** A page on another origin than the relay's (as a site embedding the widget) with the script above and the WAV. */
async function startPage(wav: string): Promise<{ url: string; close(): Promise<void> }> {
  const { outputFiles } = await build({
    stdin: { contents: PAGE_SCRIPT, loader: 'ts', resolveDir: process.cwd(), sourcefile: 'noise-page.ts' },
    bundle: true,
    format: 'iife',
    write: false,
  });
  const script = outputFiles[0]!.text.replaceAll('</script', '<\\/script');
  const data = `data:audio/wav;base64,${readFileSync(wav).toString('base64')}`;
  return startSite(`<!doctype html><body data-voice="${data}"><script>${script}</script>`);
}

/** Power in [fromHz, toHz) of one spectrum. */
function bandPower(spectrum: number[], fromHz: number, toHz: number): number {
  return spectrum.slice(Math.ceil(fromHz / BIN_HZ), Math.ceil(toHz / BIN_HZ)).reduce((sum, bin) => sum + bin, 0);
}

const decibels = (ratio: number) => 10 * Math.log10(ratio);

/**
 * The voice's band (100 Hz to 4 kHz) summed over all windows; the noise above it (4.5 to 16 kHz, where Opus still
 * codes) and in the pauses (the voice band in the quietest window: 0.5 s pauses hold whole 171 ms windows), each
 * in dB relative to the voice.
 */
function levels(spectra: number[][]) {
  const voice = spectra.map((spectrum) => bandPower(spectrum, 100, 4000));
  const total = voice.reduce((sum, power) => sum + power, 0);
  const above = spectra.reduce((sum, spectrum) => sum + bandPower(spectrum, 4500, 16_000), 0);
  return {
    voiceDb: decibels(total / spectra.length),
    aboveDb: decibels(above / total),
    pausesDb: decibels(Math.min(...voice) / (total / spectra.length)),
  };
}

describe('noise suppression end to end', { timeout: 180_000 }, () => {
  let relay: Relay;
  let site: { url: string; close(): Promise<void> };
  let assets: string;
  const wav = writeNoisyVoiceWav({ snrDb: 10 });
  before(async () => {
    relay = await startRelay();
    site = await startPage(wav);
    assets = new URL('effects/noise/', relay.url).href;
  });
  after(async () => {
    await site?.close();
    await relay?.close();
  });

  /** The levels received with suppression off, then on, from the page's `from`. */
  async function compare(page: Page, from: 'microphone' | 'recording') {
    const off = levels(await call<number[][]>(page, 'received', assets, false, 24, from));
    const on = levels(await call<number[][]>(page, 'received', assets, true, 24, from));
    // RNNoise keeps what it takes for speech (a steady tone, it removes as noise).
    assert.ok(Math.abs(on.voiceDb - off.voiceDb) < 3, `voice: ${on.voiceDb} dB with, ${off.voiceDb} dB without`);
    assert.ok(on.aboveDb < off.aboveDb, `above the voice: ${on.aboveDb} dB with, ${off.aboveDb} dB without`);
    assert.ok(on.pausesDb < off.pausesDb, `in the pauses: ${on.pausesDb} dB with, ${off.pausesDb} dB without`);
  }

  it('the other side receives the voice as loud, with less noise above its band and in its pauses', async (t) => {
    const browser = await launchChromium([`--use-file-for-fake-audio-capture=${wav}`]);
    t.after(() => browser.close());
    const { page, errors } = await openPage(browser, site.url);
    await compare(page, 'microphone');
    assert.deepEqual(errors, []);
  });

  it('where audio may not start without a gesture, starts on the first click', async (t) => {
    const autoplay = '--autoplay-policy=document-user-activation-required'; // Chromium's default
    const args = [...chromiumArgs.filter((arg) => !arg.startsWith('--autoplay-policy')), autoplay];
    const browser = await puppeteer.launch({ executablePath: chromiumPath, headless: true, args });
    t.after(() => browser.close());
    const { page, errors } = await openPage(browser, site.url);
    // page.evaluate() runs as a user gesture, which would let the audio start: these calls do not.
    const devtools = await page.createCDPSession();
    const run = async <T>(expression: string) =>
      (await devtools.send('Runtime.evaluate', { expression, returnByValue: true })).result.value as T;
    const state = () =>
      run<{ resolved: boolean; context: string; loaded: number; track: string }>(`({
        resolved: started.resolved,
        context: started.contextState(),
        loaded: performance.getEntriesByType('resource').filter((entry) => /rnnoise.*\\.wasm$/.test(entry.name)).length,
        track: started.trackState,
      })`);
    await run(`void startOnGesture(${JSON.stringify(assets)})`);

    // The WebAssembly loaded, and still suspended: only a gesture lets it start.
    const waiting = await poll(state, (now) => now.loaded === 1 && now.context === 'suspended');
    assert.equal(waiting.resolved, false);
    const running = await poll(state, async (now) => now.resolved || (await page.mouse.click(10, 10), false));
    assert.deepEqual(running, { resolved: true, context: 'running', loaded: 1, track: 'live' });
    assert.deepEqual(errors, []);
  });

  it('in Firefox: starts on the microphone, and the other side receives the voice cleaned the same way', async (t) => {
    const browser = await launchFirefox();
    t.after(() => browser.close());
    const { page, errors } = await openPage(browser, site.url);
    assert.equal(await call(page, 'microphoneStarts', assets), 'live');
    // Firefox has no file for its fake microphone (a tone): the page plays the WAV into a track instead.
    await compare(page, 'recording');
    assert.deepEqual(errors, []);
  });
});

/** Polls `read` every 100 ms until `check` accepts its value; fails with the last value after 30 s. */
async function poll<T>(read: () => Promise<T>, check: (value: T) => boolean | Promise<boolean>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (await check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
