// The recording indicator: while anyone records the call, everyone sees who does (consent matters), and the one
// recording sees for how long, with a button to stop.
import { html, nothing } from 'lit';
import type { Participant } from '../../rtc/index.ts';
import type { AllStrings } from '../i18n/en-details.ts';
import { format } from '../i18n/strings.ts';
import type { RecordingSession } from './recording-session.ts';

export function renderRecording(participants: Participant[], session: RecordingSession, t: AllStrings): unknown {
  const others = participants.filter((p) => p.recording && !p.local).map((p) => p.name || t.guest);
  const elapsed = session.elapsedMs;
  if (elapsed === null && !others.length) return nothing;
  const seconds = Math.floor((elapsed ?? 0) / 1000);
  const time = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  return html`<div class="recording" part="recording">
    <span class="recording-dot" aria-hidden="true"></span>
    ${elapsed === null ? nothing : html`<span>${format(t.recordingYou, { time })}</span>`}
    ${others.length ? html`<span>${format(t.recordingOthers, { names: others.join(', ') })}</span>` : nothing}
    ${
      elapsed === null
        ? nothing
        : html`<button type="button" class="dismiss" part="stop-recording" @click=${() => void session.stop()}>
            ${t.stopRecording}
          </button>`
    }
  </div>`;
}
