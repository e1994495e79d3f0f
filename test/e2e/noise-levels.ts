// How much noise is in received sound, from power spectra of consecutive windows (an AnalyserNode's): the voice's
// band, and the noise above it and in the voice's pauses, relative to the voice. For the noisy voice of
// test/support/noisy-tone-wav.ts, whose content stays below 4 kHz and which pauses 0.5 s every 2 s. Quantiles
// rather than extremes or means: on a busy machine a few windows may be glitches (silence from an underrun).
import { FFT_SIZE, SAMPLE_RATE } from './effects-page.ts';

const BIN_HZ = SAMPLE_RATE / FFT_SIZE;

export interface Levels {
  /** The voice's band (100 Hz to 4 kHz), the mean of the louder half of the windows (voiced), in dB. */
  voiceDb: number;
  /** The noise above the voice (4.5 to 16 kHz, where Opus still codes), over all windows, relative to the voice band. */
  aboveDb: number;
  /**
   * The voice's band in a pause, relative to the voice (voiceDb): the window at the 1/12 quantile (the 3rd quietest
   * of 30). About a sixth of 171 ms windows lie wholly in a pause; the quietest one or two may be glitches.
   */
  pausesDb: number;
}

/** Power in [fromHz, toHz) of one spectrum. */
function bandPower(spectrum: number[], fromHz: number, toHz: number): number {
  return spectrum.slice(Math.ceil(fromHz / BIN_HZ), Math.ceil(toHz / BIN_HZ)).reduce((sum, bin) => sum + bin, 0);
}

const decibels = (ratio: number) => 10 * Math.log10(ratio);
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** The value at quantile `q` (0: the least, 1: the greatest). */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

export function levels(spectra: number[][]): Levels {
  const voice = spectra.map((spectrum) => bandPower(spectrum, 100, 4000));
  const above = spectra.map((spectrum) => bandPower(spectrum, 4500, 16_000));
  const louder = [...voice].sort((a, b) => b - a).slice(0, Math.ceil(voice.length / 2));
  const voiced = sum(louder) / louder.length;
  return {
    voiceDb: decibels(voiced),
    aboveDb: decibels(sum(above) / sum(voice)),
    pausesDb: decibels(quantile(voice, 1 / 12) / voiced),
  };
}

/** How many windows are silent (below -90 dB in all): glitches, where the sound received has noise throughout. */
export function silentWindows(spectra: number[][]): number {
  return spectra.filter((spectrum) => sum(spectrum) < 1e-9).length;
}

/** For failure messages: the levels rounded to 0.1 dB. */
export function show({ voiceDb, aboveDb, pausesDb }: Levels): string {
  const round = (db: number) => Math.round(db * 10) / 10;
  return `voice ${round(voiceDb)} dB, above ${round(aboveDb)} dB, pauses ${round(pausesDb)} dB`;
}
