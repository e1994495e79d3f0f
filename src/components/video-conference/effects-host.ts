// What the media effects, recording and reactions (effects.ts and its parts) read and change of their element.
import type { CallState, Participant } from '../../rtc/index.ts';

/** What the effects read and change of their element. */
export interface EffectsHost extends HTMLElement {
  background: string;
  noiseSuppression: boolean;
  musicMode: boolean;
  readonly server: string;
  readonly state: CallState;
  readonly participants: Participant[];
  readonly renderRoot: HTMLElement | DocumentFragment;
  requestUpdate(): void;
}
