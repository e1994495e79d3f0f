// A WAV file for Chromium's fake microphone (--use-file-for-fake-audio-capture): a synthetic voice plus white noise
// at a chosen signal-to-noise ratio, 48 kHz mono 16-bit, the same bytes on every run (seeded noise). A voice, not
// a steady tone: RNNoise takes a pure tone for noise and removes it (both fell by over 40 dB in a test).
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SAMPLE_RATE = 48_000;

export interface NoisyVoiceOptions {
  /** Voice power over noise power, in dB (the pauses count). */
  snrDb?: number;
  seconds?: number;
}

/** Writes the file into os.tmpdir() and returns its path. */
export function writeNoisyVoiceWav({ snrDb = 10, seconds = 10 }: NoisyVoiceOptions = {}): string {
  const count = SAMPLE_RATE * seconds;
  const clean = voice(count);
  const signalPower = clean.reduce((sum, sample) => sum + sample * sample, 0) / count;
  // Uniform noise on [-a, a] has power a²/3.
  const noiseAmplitude = Math.sqrt((3 * signalPower) / 10 ** (snrDb / 10));
  const random = seededRandom(0x5eed);
  const samples = new Int16Array(count);
  for (let i = 0; i < count; i++) {
    const noise = noiseAmplitude * (2 * random() - 1);
    samples[i] = Math.round(Math.max(-1, Math.min(1, clean[i]! + noise)) * 32767);
  }
  const path = join(tmpdir(), `noisy-voice-${snrDb}db-${seconds}s.wav`);
  writeFileSync(path, wav(samples));
  return path;
}

/** Vowel formants (Hz) and bandwidths: an "a" as in "father". */
const FORMANTS = [
  [700, 130],
  [1220, 170],
  [2600, 250],
] as const;

/**
 * Something RNNoise takes for speech: harmonics of a fundamental that drifts between 150 and 250 Hz (intonation),
 * shaped by vowel formants, in syllables of about 200 ms (4 a second) grouped into 1.5 s phrases with 0.5 s pauses.
 * Its content stays below 4 kHz; its peak is at half of full scale.
 */
function voice(count: number): Float64Array {
  const samples = new Float64Array(count);
  let phase = 0;
  for (let i = 0; i < count; i++) {
    const t = i / SAMPLE_RATE;
    const f0 = 200 + 50 * Math.sin(2 * Math.PI * 0.7 * t) * Math.sin(2 * Math.PI * 0.23 * t);
    phase += (2 * Math.PI * f0) / SAMPLE_RATE;
    const inPhrase = t % 2 < 1.5;
    const syllable = Math.max(0, Math.sin(2 * Math.PI * 4 * t));
    const envelope = inPhrase ? Math.sqrt(syllable) : 0;
    if (envelope === 0) continue;
    let sum = 0;
    for (let k = 1; k * f0 < 4000; k++) sum += formantGain(k * f0) * Math.sin(k * phase);
    samples[i] = envelope * sum;
  }
  const peak = samples.reduce((max, sample) => Math.max(max, Math.abs(sample)), 0);
  return samples.map((sample) => (0.5 * sample) / peak);
}

/** The vowel's spectral envelope at `hz`: resonance peaks on a -6 dB/octave slope. */
function formantGain(hz: number): number {
  const peaks = FORMANTS.reduce((sum, [centre, width]) => sum + 1 / (1 + ((hz - centre) / (width / 2)) ** 2), 0);
  return (peaks + 0.05) * (200 / hz);
}

/** A RIFF/WAVE file of 16-bit mono PCM samples. */
function wav(samples: Int16Array): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + samples.byteLength, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // size of the fmt chunk
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28); // bytes per second
  header.writeUInt16LE(2, 32); // bytes per frame
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(samples.byteLength, 40);
  return Buffer.concat([header, Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)]);
}

/** mulberry32: a small seeded generator of numbers in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
