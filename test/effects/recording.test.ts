// Local recording in Chromium with the fake camera and microphone: a grid of two cameras and a mix of the
// microphone and a tone, recorded for about three seconds, then decoded in the page (a WebM with a duration, a
// picture and sound); tiles without a picture, tracks added midway, a second stop().
import { expect } from '@open-wc/testing';
import {
  recordingSupported,
  startCallRecording,
  type RecordingSource,
} from '../../src/effects/recording/call-recorder.ts';
import { withDuration } from '../../src/effects/recording/webm-duration.ts';
import type { RtcError } from '../../src/rtc/errors.ts';
import { gridLayout as grid } from '../../src/components/video-conference/grid-layout.ts';

// Kept before a test replaces the page's setTimeout.
const realSetTimeout = window.setTimeout.bind(window);

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

async function camera(): Promise<{ video: HTMLVideoElement; stream: MediaStream }> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: true });
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  document.body.append(video);
  await video.play();
  await until(() => video.videoWidth > 0);
  cleanups.push(() => {
    stream.getTracks().forEach((track) => track.stop());
    video.remove();
  });
  return { video, stream };
}

/** A 440 Hz tone as a track, as a remote participant's would arrive. */
function tone(): MediaStreamTrack {
  const context = new AudioContext();
  const oscillator = context.createOscillator();
  const destination = context.createMediaStreamDestination();
  oscillator.connect(destination);
  oscillator.start();
  cleanups.push(() => void context.close());
  return destination.stream.getAudioTracks()[0]!;
}

async function until(condition: () => boolean, what = 'the condition'): Promise<void> {
  for (let tries = 0; tries < 300; tries++) {
    if (condition()) return;
    await new Promise((resolve) => realSetTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const sleep = (ms: number) => new Promise((resolve) => realSetTimeout(resolve, ms));

/** What a <video> makes of the recording: its duration and picture size once its metadata has loaded. */
async function playback(webm: Blob): Promise<{ duration: number; videoWidth: number }> {
  const video = document.createElement('video');
  video.muted = true;
  const url = URL.createObjectURL(webm);
  try {
    const loaded = new Promise((resolve, reject) => {
      video.onloadedmetadata = resolve;
      video.onerror = () => reject(video.error);
    });
    video.src = url;
    await loaded;
    return { duration: video.duration, videoWidth: video.videoWidth };
  } finally {
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(url);
  }
}

/** The recording's sound, decoded: its duration and the RMS level of each half-second. */
async function sound(webm: Blob): Promise<{ duration: number; levels: number[] }> {
  const context = new OfflineAudioContext(1, 1, 48_000);
  const buffer = await context.decodeAudioData(await webm.arrayBuffer());
  const samples = buffer.getChannelData(0);
  const window = buffer.sampleRate / 2;
  const levels: number[] = [];
  for (let start = 0; start + window <= samples.length; start += window) {
    let sum = 0;
    for (let index = start; index < start + window; index++) sum += samples[index]! ** 2;
    levels.push(Math.sqrt(sum / window));
  }
  return { duration: buffer.duration, levels };
}

describe('local recording', () => {
  it('is supported in Chromium', () => {
    expect(recordingSupported()).to.equal(true);
  });

  it('records two cameras, the microphone and a tone into a WebM with a duration, a picture and sound', async () => {
    const [first, second] = [await camera(), await camera()];
    const audio = [first.stream.getAudioTracks()[0]!, tone()];
    const errors: RtcError[] = [];
    const source: RecordingSource = {
      grid,
      tiles: () => [
        { video: first.video, name: 'First' },
        { video: second.video, name: 'Second' },
      ],
      audio: () => audio,
    };
    const recorder = await startCallRecording(source, (error) => errors.push(error));
    expect(recorder.mimeType).to.match(/^video\/webm/);
    expect(recorder.startedAt).to.be.closeTo(Date.now(), 10_000);
    await sleep(3000);
    const webm = await recorder.stop();

    expect(errors).to.deep.equal([]);
    expect(webm.type).to.match(/^video\/webm/);
    const played = await playback(webm);
    expect(played.duration).to.be.finite;
    expect(played.duration).to.be.at.least(2);
    expect(played.videoWidth).to.equal(1280);
    const heard = await sound(webm);
    expect(heard.duration).to.be.at.least(2);
    expect(Math.max(...heard.levels)).to.be.above(0.01);
    // The call's own tracks are left running.
    expect(audio.every((track) => track.readyState === 'live')).to.equal(true);
    expect(first.stream.getVideoTracks()[0]!.readyState).to.equal('live');
  });

  it('draws tiles without a picture (no video, or one with no frame yet) as names', async () => {
    const empty = document.createElement('video');
    const errors: RtcError[] = [];
    const recorder = await startCallRecording(
      {
        grid,
        tiles: () => [
          { video: empty, name: 'Waiting for video' },
          { video: null, name: 'Camera off, with a name far too long to fit on its tile at all' },
          { video: null, name: '' },
        ],
        audio: () => [],
      },
      (error) => errors.push(error),
      { width: 640, height: 360, fps: 15 },
    );
    await sleep(1500);
    const webm = await recorder.stop();
    expect(errors).to.deep.equal([]);
    expect((await playback(webm)).videoWidth).to.equal(640);
  });

  it('mixes a track added midway from refresh() on', async () => {
    const audio: MediaStreamTrack[] = [];
    const recorder = await startCallRecording({ grid, tiles: () => [], audio: () => audio }, () => {});
    await sleep(1500);
    audio.push(tone());
    recorder.refresh();
    await sleep(1500);
    const { levels } = await sound(await recorder.stop());
    // Silence before the tone joined, the tone after.
    expect(levels[0]).to.be.below(0.001);
    expect(levels.at(-1)).to.be.above(0.01);
  });

  it('resolves a second stop() with the same Blob', async () => {
    const recorder = await startCallRecording({ grid, tiles: () => [], audio: () => [] }, () => {});
    await sleep(1200);
    const [first, second] = await Promise.all([recorder.stop(), recorder.stop()]);
    expect(second).to.equal(first);
    expect(await recorder.stop()).to.equal(first);
    expect(first.size).to.be.above(0);
  });

  it('keeps drawing on the audio clock when timers do not fire, as in a background tab', async () => {
    let painted = 0;
    const recorder = await startCallRecording({ grid, tiles: () => (painted++, []), audio: () => [] }, () => {});
    // A hidden tab runs timers once a second at best (Firefox: 1.6 a second seen); here, never.
    window.setTimeout = (() => 0) as unknown as typeof window.setTimeout;
    try {
      const before = painted;
      await until(() => painted >= before + 30, '30 frames painted without timers');
    } finally {
      window.setTimeout = realSetTimeout as typeof window.setTimeout;
    }
    await recorder.stop();
  });
});

/** An EBML element: its ID's bytes, its content's size on `sizeLength` bytes, its content. */
function element(id: number[], content: number[], sizeLength = 1): number[] {
  const size = Array.from(
    { length: sizeLength },
    (_, index) => (content.length / 256 ** (sizeLength - 1 - index)) & 0xff,
  );
  size[0]! |= 0x80 >> (sizeLength - 1);
  return [...id, ...size, ...content];
}

const float64 = (value: number) => [...new Uint8Array(new Float64Array([value]).buffer)].reverse();
const EBML = element([0x1a, 0x45, 0xdf, 0xa3], [0x42, 0x82, 0x84, ...new TextEncoder().encode('webm')]);
const SCALE = [0x2a, 0xd7, 0xb1, 0x83, 0x0f, 0x42, 0x40];
const TRACKS = element([0x16, 0x54, 0xae, 0x6b], [0xae, 0x83, 0xd7, 0x81, 0x01]);
const UNKNOWN_SIZE = [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
const SEGMENT = [0x18, 0x53, 0x80, 0x67, ...UNKNOWN_SIZE];
const CLUSTER = [0x1f, 0x43, 0xb6, 0x75, ...UNKNOWN_SIZE, 0xe7, 0x81, 0x00, 0xa3, 0x84, 0x81, 0x00, 0x00, 0x80];
const bytesOf = async (blob: Blob) => [...new Uint8Array(await blob.arrayBuffer())];

describe('a WebM given its duration', () => {
  it("adds a Duration to a Chromium recording's Info, the media after it unchanged", async () => {
    const info = (content: number[]) => element([0x15, 0x49, 0xa9, 0x66], content);
    const recorded = new Blob([new Uint8Array([...EBML, ...SEGMENT, ...info(SCALE), ...TRACKS, ...CLUSTER])]);
    const fixed = await withDuration(recorded, 3000.5);
    const duration = [0x44, 0x89, 0x88, ...float64(3000.5)];
    expect(await bytesOf(fixed)).to.deep.equal([
      ...EBML,
      ...SEGMENT,
      ...info([...SCALE, ...duration]),
      ...TRACKS,
      ...CLUSTER,
    ]);
  });

  it('gives an Info that outgrows its 1-byte size a longer one', async () => {
    const content = [...SCALE, ...element([0xec], new Array(112).fill(0))];
    const recorded = new Blob([
      new Uint8Array([...EBML, ...SEGMENT, ...element([0x15, 0x49, 0xa9, 0x66], content), ...CLUSTER]),
    ]);
    const duration = [0x44, 0x89, 0x88, ...float64(42)];
    expect(await bytesOf(await withDuration(recorded, 42))).to.deep.equal([
      ...EBML,
      ...SEGMENT,
      ...element([0x15, 0x49, 0xa9, 0x66], [...content, ...duration], 2),
      ...CLUSTER,
    ]);
  });

  it("fills in a Firefox recording's Duration of 0, with 8-byte sizes and an empty SeekHead", async () => {
    const seekHead = element([0x11, 0x4d, 0x9b, 0x74], [], 8);
    const info = (duration: number) =>
      element([0x15, 0x49, 0xa9, 0x66], [...SCALE, 0x44, 0x89, 0x88, ...float64(duration)], 8);
    const head = (duration: number) => [
      ...element([0x1a, 0x45, 0xdf, 0xa3], EBML.slice(5), 8),
      ...SEGMENT,
      ...seekHead,
      ...info(duration),
    ];
    const recorded = new Blob([new Uint8Array([...head(0), ...TRACKS, ...CLUSTER])]);
    expect(await bytesOf(await withDuration(recorded, 2500))).to.deep.equal([...head(2500), ...TRACKS, ...CLUSTER]);
  });

  it('leaves a WebM that has a duration, and anything else, as it is', async () => {
    const info = element([0x15, 0x49, 0xa9, 0x66], [...SCALE, 0x44, 0x89, 0x88, ...float64(1000)]);
    const timed = new Blob([new Uint8Array([...EBML, ...SEGMENT, ...info, ...CLUSTER])]);
    expect(await withDuration(timed, 2000)).to.equal(timed);
    const other = new Blob(['not a WebM']);
    expect(await withDuration(other, 2000)).to.equal(other);
  });
});
