// End to end, noise suppression in what the other side of a call hears: a Chromium whose fake microphone plays a
// generated WAV of a synthetic voice in white noise (test/support/noisy-tone-wav.ts) calls another, and the other
// one's AnalyserNode on the speaker's tile measures the noise above the voice's band and in its pauses, against the
// voice, with <video-conference>'s noise suppression off, on, and overridden by music mode. Also: where audio may
// not start on its own, the suppressor (module level) starts on the first click.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import puppeteer, { type Page } from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../support/chromium.mjs';
import { writeNoisyVoiceWav } from '../support/noisy-tone-wav.ts';
import { openCallPage, until } from './call-page.ts';
import { heard, startEffectsSite, within, type EffectsApi } from './effects-page.ts';
import { launchChromium, openPage, startRelay, startSite, waitForRemoteVideo, type Relay } from './harness.ts';
import { levels, show, type Levels } from './noise-levels.ts';

/**
 * The gesture test's page script, bundled with the module by esbuild as the widget's build bundles it:
 * startOnGesture(assets) starts suppression on a track of the page's own (a page that captures the microphone may
 * start audio at once in Chromium) and records in `started` whether it resolved, and on which context's state.
 */
const GESTURE_SCRIPT = `
import { startNoiseSuppression } from './src/effects/noise/noise-suppression.ts';

const NativeAudioContext = AudioContext;
const contexts: AudioContext[] = [];
window.AudioContext = class extends NativeAudioContext {
  constructor(options?: AudioContextOptions) {
    super(options);
    contexts.push(this);
  }
};
const started = { resolved: false, contextState: () => contexts[0]?.state ?? 'none', trackState: '' };

async function startOnGesture(assets: string): Promise<void> {
  const track = new NativeAudioContext().createMediaStreamDestination().stream.getAudioTracks()[0]!;
  const suppressor = await startNoiseSuppression(track, new URL(assets));
  started.resolved = true;
  started.trackState = suppressor.track.readyState;
}

Object.assign(window, { startOnGesture, started });
`;

/** The first <video-conference> of the page. */
const element = (page: Page) => page.evaluateHandle(() => document.querySelector<EffectsApi>('video-conference')!);

/** Whether the page's peer connections send the microphone track its element shows as sent. */
function sendsItsMicrophone(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const sent = document.querySelector<EffectsApi>('video-conference')!.localStream?.getAudioTracks()[0];
    const senders = window.connections.flatMap((pc) => pc.getSenders());
    return !!sent && senders.some((sender) => sender.track === sent);
  });
}

/** The levels of 5 s of what `page` receives from the participant it listens to, the first second left out. */
async function received(page: Page): Promise<Levels> {
  const spectra = await within(
    page.evaluate(() => window.kit.spectra(36)),
    30_000,
    'the received sound sampled',
  );
  return levels(spectra.slice(6)); // the switch, through the jitter buffer, and RNNoise settling
}

describe('noise suppression end to end', { timeout: 240_000 }, () => {
  let relay: Relay;
  let site: { url: string; close(): Promise<void> };
  const wav = writeNoisyVoiceWav({ snrDb: 10 });
  before(async () => {
    relay = await startRelay();
    site = await startEffectsSite(relay.url);
  });
  after(async () => {
    await site?.close();
    await relay?.close();
  });

  it('in a call, the other side hears less noise with suppression on, and the noise again in music mode', async (t) => {
    // The speaker's Chromium of its own: the fake microphone's file is a flag of the browser.
    const speakerBrowser = await launchChromium([`--use-file-for-fake-audio-capture=${wav}`]);
    t.after(() => speakerBrowser.close());
    const listenerBrowser = await launchChromium();
    t.after(() => listenerBrowser.close());
    const room = `noise-${Date.now()}`;
    const speaker = await openCallPage(speakerBrowser, `${site.url}?room=${room}&name=Speaker`);
    const listener = await openCallPage(listenerBrowser, `${site.url}?room=${room}&name=Listener`);
    await waitForRemoteVideo(speaker.page, 1);
    await waitForRemoteVideo(listener.page, 1);
    const speakerId = await speaker.page.evaluate(
      () => document.querySelector<EffectsApi>('video-conference')!.participants[0]!.id,
    );
    await within(
      listener.page.evaluate((id) => window.kit.listenTo(id), speakerId),
      40_000,
      'sound at the listener',
    );
    const microphoneSettings = () =>
      speaker.page.evaluate(() => {
        const settings = document
          .querySelector<EffectsApi>('video-conference')!
          .localStream!.getAudioTracks()[0]!
          .getSettings();
        const { echoCancellation, noiseSuppression, autoGainControl } = settings;
        return { echoCancellation, noiseSuppression, autoGainControl };
      });
    const speech = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
    assert.deepEqual(await microphoneSettings(), speech);
    const off = await received(listener.page);

    const speakerElement = await element(speaker.page);
    await within(
      speakerElement.evaluate((element) => element.setNoiseSuppression(true)),
      30_000,
      'setNoiseSuppression(true)',
    );
    assert.deepEqual(await heard(speaker.page, 'vc-audio-mode-change'), [{ noiseSuppression: true, musicMode: false }]);
    await until(() => sendsItsMicrophone(speaker.page), 'the cleaned microphone sent');
    const on = await received(listener.page);

    await speakerElement.evaluate((element) => element.setAttribute('music-mode', ''));
    await until(async () => (await heard(speaker.page, 'vc-audio-mode-change')).length === 2, 'music mode applied');
    assert.deepEqual((await heard(speaker.page, 'vc-audio-mode-change'))[1], {
      noiseSuppression: true,
      musicMode: true,
    });
    await until(() => sendsItsMicrophone(speaker.page), 'the music microphone sent');
    assert.deepEqual(await microphoneSettings(), {
      echoCancellation: false,
      noiseSuppression: false,
      autoGainControl: false,
    });
    const music = await received(listener.page);

    const figures = `off: ${show(off)}; on: ${show(on)}; music: ${show(music)}`;
    t.diagnostic(figures); // shown by the spec reporter, not the dot one
    // RNNoise keeps what it takes for speech, and removes what noise the browser's own suppression (on unless in
    // music mode) leaves, above the voice and in its pauses.
    assert.ok(Math.abs(on.voiceDb - off.voiceDb) < 3, `the voice as loud: ${figures}`);
    assert.ok(on.aboveDb < off.aboveDb - 6, `less noise above the voice: ${figures}`);
    assert.ok(on.pausesDb < off.pausesDb - 6, `less noise in the pauses: ${figures}`);
    // Music mode: neither RNNoise nor the browser's suppression.
    assert.ok(music.aboveDb > on.aboveDb + 6, `the noise back above the voice: ${figures}`);
    assert.ok(music.pausesDb > on.pausesDb + 6, `the noise back in the pauses: ${figures}`);
    assert.deepEqual(await heard(speaker.page, 'vc-error'), []);
    assert.deepEqual([...speaker.errors, ...listener.errors], []);
  });

  it('where audio may not start without a gesture, starts on the first click', async (t) => {
    const gesturePage = await startGesturePage();
    t.after(() => gesturePage.close());
    const assets = new URL('effects/noise/', relay.url).href;
    const autoplay = '--autoplay-policy=document-user-activation-required'; // Chromium's default
    const args = [...chromiumArgs.filter((arg) => !arg.startsWith('--autoplay-policy')), autoplay];
    const browser = await puppeteer.launch({ executablePath: chromiumPath, headless: true, args });
    t.after(() => browser.close());
    const { page, errors } = await openPage(browser, gesturePage.url);
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
});

/** A page on another origin than the relay's (as a site embedding the widget) with the gesture script. */
async function startGesturePage(): Promise<{ url: string; close(): Promise<void> }> {
  const { outputFiles } = await build({
    stdin: { contents: GESTURE_SCRIPT, loader: 'ts', resolveDir: process.cwd(), sourcefile: 'gesture-page.ts' },
    bundle: true,
    format: 'iife',
    write: false,
  });
  const script = outputFiles[0]!.text.replaceAll('</script', '<\\/script');
  return startSite(`<!doctype html><body><script>${script}</script>`);
}

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
