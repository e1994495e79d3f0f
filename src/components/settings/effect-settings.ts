// The effects a <video-conference> offers in its settings panel and pre-join screen (what is on, what this
// browser can run), and the user's changes applied to it: shared by both panels' chunks.
import { backgroundSupported } from '../../effects/background/supported.ts';
import { noiseSuppressionSupported } from '../../effects/noise/supported.ts';
import type { PanelHost } from '../video-conference/panel-types.ts';
import type { EffectSettings } from './video-conference-settings.ts';

export function effectSettings({ background, noiseSuppression, musicMode }: PanelHost): EffectSettings {
  return {
    background,
    noiseSuppression,
    musicMode,
    canChangeBackground: backgroundSupported(),
    canSuppressNoise: noiseSuppressionSupported(),
  };
}

/**
 * Applies what the user changed to `el`: a refusal is shown and told by the element's effects, and its setting
 * goes back.
 */
export function changeEffects(el: PanelHost, { detail }: HTMLElementEventMap['video-conference-effects-change']): void {
  const { background, noiseSuppression, musicMode } = detail;
  if (background !== undefined) el.setBackground(background).catch(() => undefined);
  if (noiseSuppression !== undefined) el.setNoiseSuppression(noiseSuppression).catch(() => undefined);
  if (musicMode !== undefined) el.musicMode = musicMode;
}
