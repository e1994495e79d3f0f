// Noise suppression in Chromium with the fake microphone: the cleaned track carries sound, stop() ends it and frees
// its AudioContext but leaves the microphone alone, and files that cannot load reject with a code.
import { expect } from '@open-wc/testing';
import { noiseSuppressionSupported, startNoiseSuppression } from '../../src/effects/noise/noise-suppression.ts';
import type { RtcError } from '../../src/rtc/errors.ts';
import { recordInstances, relayCommand, waitFor } from '../support/browser.ts';

/** Reads a track's loudness (the peak of the last 2048 samples) through an AnalyserNode. */
function meter(track: MediaStreamTrack): { peak(): number; close(): Promise<void> } {
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  return {
    peak() {
      analyser.getFloatTimeDomainData(samples);
      return samples.reduce((peak, sample) => Math.max(peak, Math.abs(sample)), 0);
    },
    close: () => context.close(),
  };
}

async function rejection(promise: Promise<unknown>): Promise<RtcError> {
  try {
    await promise;
  } catch (error) {
    return error as RtcError;
  }
  throw new Error('expected a rejection');
}

describe('noise suppression', () => {
  const contexts = recordInstances<AudioContext>('AudioContext');
  let microphone: MediaStreamTrack;
  let assets: URL;

  beforeEach(async () => {
    [microphone] = (await navigator.mediaDevices.getUserMedia({ audio: true })).getAudioTracks() as [MediaStreamTrack];
    assets = new URL('effects/noise/', await relayCommand('relay-url'));
  });
  afterEach(() => microphone.stop());

  it('is supported in Chromium', () => {
    expect(noiseSuppressionSupported()).to.equal(true);
  });

  it('sends a live track with sound; stop() ends it and closes its audio context, not the microphone', async () => {
    const suppressor = await startNoiseSuppression(microphone, assets);
    const [context] = contexts.filter((candidate) => candidate.sampleRate === 48_000);
    expect(context!.state).to.equal('running');
    expect(suppressor.track.kind).to.equal('audio');
    expect(suppressor.track.readyState).to.equal('live');

    const level = meter(suppressor.track);
    await waitFor(() => level.peak() > 0.01, 'sound on the cleaned track');
    await level.close();

    suppressor.stop();
    suppressor.stop();
    expect(suppressor.track.readyState).to.equal('ended');
    expect(microphone.readyState).to.equal('live');
    await waitFor(() => context!.state === 'closed', 'the audio context closed');
  });

  it('starts muted when the microphone track is disabled', async () => {
    microphone.enabled = false;
    const suppressor = await startNoiseSuppression(microphone, assets);
    expect(suppressor.track.enabled).to.equal(false);
    suppressor.stop();
  });

  it('rejects with effect-failed when its files cannot load, and closes the audio context', async () => {
    const before = contexts.length;
    const error = await rejection(startNoiseSuppression(microphone, new URL('effects/missing/', assets)));
    expect(error.code).to.equal('effect-failed');
    await waitFor(() => contexts.slice(before).every((context) => context.state === 'closed'), 'contexts closed');
    expect(microphone.readyState).to.equal('live');
  });

  it('rejects with effect-failed when the WebAssembly is not WebAssembly', async () => {
    const notWasm = URL.createObjectURL(new Blob(['<!doctype html>'], { type: 'text/html' }));
    const realFetch = window.fetch;
    // The worklet loads from the relay; only the WebAssembly comes back as an HTML page (a proxy's error page).
    window.fetch = (input, init) => realFetch(String(input).endsWith('.wasm') ? notWasm : input, init);
    try {
      expect((await rejection(startNoiseSuppression(microphone, assets))).code).to.equal('effect-failed');
    } finally {
      window.fetch = realFetch;
      URL.revokeObjectURL(notWasm);
    }
  });

  it('gives up when its signal aborts', async () => {
    const controller = new AbortController();
    const started = startNoiseSuppression(microphone, assets, { signal: controller.signal });
    controller.abort();
    expect((await rejection(started)).name).to.equal('AbortError');
  });
});
