// A tile's info panel: the connection's live figures (resolution, frame rate, bitrate, round-trip time,
// loss, direct or relayed through TURN) and the safety code, with a line on what comparing it proves.
import { html, nothing, type TemplateResult } from 'lit';
import type { ParticipantStats } from '../../rtc/call.ts';

export function renderInfo(stats: ParticipantStats | null, close: () => void): TemplateResult {
  const video = stats?.video;
  const row = (label: string, value: string | null) =>
    value === null
      ? nothing
      : html`<dt>${label}</dt>
          <dd>${value}</dd>`;
  return html`
    <div class="info" part="info" role="dialog" aria-label="Connection details">
      <button type="button" class="close" aria-label="Close details" @click=${close}>✕</button>
      <dl>
        ${row('Quality', stats?.quality ?? null)}
        ${row('Video', video ? `${video.width}×${video.height}, ${Math.round(video.fps)} fps, ${video.kbps} kbit/s` : null)}
        ${row('Sending', stats ? `${stats.sendKbps} kbit/s` : null)}
        ${row('Round trip', stats?.rttMs != null ? `${stats.rttMs} ms` : null)}
        ${row('Loss', stats ? `${stats.lossPercent} %` : null)}
        ${row('Path', stats ? (stats.path === 'relayed' ? 'relayed (TURN)' : stats.path) : null)}
      </dl>
      ${
        stats?.safetyCode
          ? html`<p class="safety">
              <strong>Safety code</strong>
              <span class="code" part="safety-code">${stats.safetyCode}</span>
              <small
                >Read it aloud: if both of you see the same code, nobody is in the middle of this connection.</small
              >
            </p>`
          : nothing
      }
    </div>
  `;
}
