// Who is speaking: from audio levels sampled a few times a second, the participants above a threshold are
// "speaking", and the active speaker is the loudest of them, held for a moment so the spotlight does not
// flicker between two people talking over each other. The active speaker stays until someone else speaks.

export interface SpeakerState {
  /** The last participant to have spoken, or null before anyone has. */
  active: string | null;
  /** When `active` took over, in milliseconds. */
  since: number;
  /** Who is above the threshold right now. */
  speaking: string[];
}

export interface SpeakerOptions {
  /** Audio level (0–1) from which someone counts as speaking. */
  threshold: number;
  /** How long an active speaker who is still speaking keeps the place against a louder one. */
  holdMs: number;
}

export const SPEAKER_DEFAULTS: SpeakerOptions = { threshold: 0.03, holdMs: 1500 };

export const NO_SPEAKER: SpeakerState = { active: null, since: 0, speaking: [] };

/** The next state, from the current one and the levels just sampled (id → level). Pure. */
export function nextSpeaker(
  current: SpeakerState,
  levels: Map<string, number>,
  now: number,
  { threshold, holdMs }: SpeakerOptions = SPEAKER_DEFAULTS,
): SpeakerState {
  const speaking = [...levels].filter(([, level]) => level >= threshold).sort(([, a], [, b]) => b - a);
  const ids = speaking.map(([id]) => id);
  const loudest = ids[0];
  const holding = current.active !== null && ids.includes(current.active) && now - current.since < holdMs;
  if (loudest === undefined || loudest === current.active || holding) return { ...current, speaking: ids };
  return { active: loudest, since: now, speaking: ids };
}
