// How much noise is in received sound, from power spectra of consecutive windows (an AnalyserNode's): the voice's
// band, and the noise above it and in the voice's pauses, relative to the voice. For the noisy voice of
// test/support/noisy-tone-wav.ts, whose content stays below 4 kHz and which pauses 0.5 s every 2 s.
import { FFT_SIZE, SAMPLE_RATE } from './effects-page.ts';

const BIN_HZ = SAMPLE_RATE / FFT_SIZE;

export interface Levels {
  /** The voice's band (100 Hz to 4 kHz), a window's average, in dB. */
  voiceDb: number;
  /** The noise above the voice (4.5 to 16 kHz, where Opus still codes), relative to the voice, in dB. */
  aboveDb: number;
  /** The voice's band in the quietest window (0.5 s pauses hold whole 171 ms windows), relative to the voice, in dB. */
  pausesDb: number;
}

/** Power in [fromHz, toHz) of one spectrum. */
function bandPower(spectrum: number[], fromHz: number, toHz: number): number {
  return spectrum.slice(Math.ceil(fromHz / BIN_HZ), Math.ceil(toHz / BIN_HZ)).reduce((sum, bin) => sum + bin, 0);
}

const decibels = (ratio: number) => 10 * Math.log10(ratio);

export function levels(spectra: number[][]): Levels {
  const voice = spectra.map((spectrum) => bandPower(spectrum, 100, 4000));
  const total = voice.reduce((sum, power) => sum + power, 0);
  const above = spectra.reduce((sum, spectrum) => sum + bandPower(spectrum, 4500, 16_000), 0);
  return {
    voiceDb: decibels(total / spectra.length),
    aboveDb: decibels(above / total),
    pausesDb: decibels(Math.min(...voice) / (total / spectra.length)),
  };
}

/** For failure messages: the levels rounded to 0.1 dB. */
export function show({ voiceDb, aboveDb, pausesDb }: Levels): string {
  const round = (db: number) => Math.round(db * 10) / 10;
  return `voice ${round(voiceDb)} dB, above ${round(aboveDb)} dB, pauses ${round(pausesDb)} dB`;
}
