// A tile's info panel: the connection's live figures (resolution, frame rate, bitrate, round-trip time,
// loss, direct or relayed through TURN) and the safety code, with a line on what comparing it proves; in a
// large room, that the media come through the server instead.
// A chunk of its own: fetched the first time a panel opens.
import { html, nothing, type TemplateResult } from 'lit';
import type { ParticipantStats } from '../../rtc/index.ts';
import { withDetails } from '../i18n/en-details.ts';
import type { Strings } from '../i18n/strings.ts';

export function renderInfo(stats: ParticipantStats | null, strings: Strings, close: () => void): TemplateResult {
  const t = withDetails(strings);
  const video = stats?.video;
  const row = (label: string, value: string | null) =>
    value === null
      ? nothing
      : html`<dt>${label}</dt>
          <dd>${value}</dd>`;
  return html`
    <div class="info" part="info" role="dialog" aria-label=${t.details}>
      <button type="button" class="close" aria-label=${t.closeDetails} @click=${close}>✕</button>
      <dl>
        ${row(t.details, stats ? t[`quality.${stats.quality}`] : null)}
        ${row(t.statVideo, video ? `${video.width}×${video.height}, ${Math.round(video.fps)} fps, ${video.kbps} kbit/s` : null)}
        ${row(t.statSending, stats ? `${stats.sendKbps} kbit/s` : null)}
        ${row(t.statRoundTrip, stats?.rttMs != null ? `${stats.rttMs} ms` : null)}
        ${row(t.statLoss, stats ? `${stats.lossPercent} %` : null)}
        ${row(t.statPath, stats ? t[`path.${stats.path}`] : null)}
      </dl>
      ${
        stats?.viaServer
          ? html`<p class="safety"><small>${t.viaServerHelp}</small></p>`
          : stats?.safetyCode
            ? html`<p class="safety">
                <strong>${t.safetyCode}</strong>
                <span class="code" part="safety-code">${stats.safetyCode}</span>
                <small>${t.safetyCodeHelp}</small>
              </p>`
            : nothing
      }
    </div>
  `;
}
