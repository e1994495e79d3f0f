// <video-conference-prejoin>: the pre-join screen. A preview of the camera with a microphone level, the
// name (remembered, and checked with the relay's own rule), microphone and camera toggles, the device
// pickers, and what keeps the camera or microphone away, in the card; it fires events for its owner to act.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { parseName } from '../../protocol.ts';
import type { DeviceLists, RtcError } from '../../rtc/index.ts';
import { emit, type DeviceKind } from '../events.ts';
import { canChooseSpeaker } from '../video-player/video-player.ts';
import { withDetails } from '../i18n/en-details.ts';
import { EN, format, type Strings } from '../i18n/strings.ts';
import type { EffectSettings } from '../settings/video-conference-settings.ts';
import '../settings/video-conference-settings.ts';
import { controlStyles } from '../shared/control-styles.ts';
import { icons } from '../shared/icons.ts';
import { readStored, writeStored } from '../shared/stored.ts';
import { toggleButton } from '../video-conference/controls.ts';
import { describeNotice } from '../video-conference/notice-view.ts';
import { LEVEL_STEPS, LevelController } from './level-controller.ts';
import { styles } from './video-conference-prejoin.styles.ts';

/** Where the name is remembered for the next visit. */
const NAME_KEY = 'video-conference-name';

const STEPS = Array.from({ length: LEVEL_STEPS }, (_, step) => step);

/**
 * @summary The pre-join screen of a call: preview, microphone level, name, toggles and device pickers.
 *
 * Presentational: it shows what it is given and reports what the user does. Its height is its content's,
 * or its owner's when that is smaller, and then it scrolls; side by side when wide, stacked when narrow.
 * Join checks the name with the relay's own rule: an empty one joins as a guest, an invalid one is a field
 * error, a valid one is remembered (localStorage) and filled in next time when none is given.
 *
 * @fires video-conference-prejoin-join - The user asked to join: `detail.name` is the name, trimmed, or `''`.
 * @fires video-conference-prejoin-toggle - A toggle was pressed: `detail.device` is `microphone` or `camera`.
 * @fires video-conference-prejoin-retry - The user asked for the camera and microphone again.
 * @fires video-conference-device-select - The user chose a device: `detail` is `{ kind, deviceId }`.
 * @fires video-conference-effects-change - The user changed an effect (see <video-conference-settings>).
 *
 * @csspart name-input - The name field.
 * @csspart name-error - Why the name cannot be used.
 * @csspart control - Each toggle (also `microphone-control`, `camera-control`).
 * @csspart level - The microphone level meter.
 * @csspart prejoin-notice - What keeps the camera or microphone away (blocked, in use, missing).
 * @csspart action - The notice's retry button.
 * @csspart join-button - The Join button.
 */
@customElement('video-conference-prejoin')
export class VideoConferencePrejoin extends LitElement {
  static override styles = [controlStyles, styles];

  /** The name in the field: the remembered one if none is given. */
  @property() name = '';

  /** The camera and microphone to preview; set as a property. */
  @property({ attribute: false }) stream: MediaStream | null = null;

  /** The microphone is open and unmuted: its toggle is pressed. */
  @property({ type: Boolean, attribute: 'microphone-on' }) microphoneOn = false;

  /** The camera is on: its toggle is pressed. */
  @property({ type: Boolean, attribute: 'camera-on' }) cameraOn = false;

  /** The devices to choose from and the ones in use, by kind: see the settings panel. */
  @property({ attribute: false }) devices: DeviceLists = { audioinput: [], videoinput: [], audiooutput: [] };

  @property({ attribute: false }) selected: Partial<Record<DeviceKind, string>> = {};

  /** What went wrong with the camera or microphone, if anything; set as a property. */
  @property({ attribute: false }) notice: RtcError | null = null;

  /** The wording of its labels (the widget passes its own, translated). */
  @property({ attribute: false }) strings: Strings = EN;

  /** The effects offered with the devices (a background, noise suppression, music mode), or null. */
  @property({ attribute: false }) effects: EffectSettings | null = null;

  /** The name in the field is not one the relay would take. */
  @state() private invalid = false;

  #level = new LevelController(this, () => this.stream?.getAudioTracks()[0] ?? null);

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.name) this.name = readStored('localStorage', NAME_KEY).trim();
  }

  override render() {
    const t = withDetails(this.strings);
    return html`
      <form @submit=${this.#join}>
        <h2>${t.prejoinTitle}</h2>
        <div class="preview-area">
          <video-player
            class="preview"
            peer-id="preview"
            name=${this.name.trim() || t.you}
            .stream=${this.stream}
            muted
            mirrored
            ?mic-off=${!this.microphoneOn}
            .strings=${t}
          ></video-player>
          <div class="toggles">
            ${toggleButton(
              'microphone',
              t.microphone,
              this.microphoneOn,
              this.microphoneOn ? icons.mic : icons.micOff,
              () => emit(this, 'video-conference-prejoin-toggle', { device: 'microphone' }),
            )}
            ${toggleButton('camera', t.camera, this.cameraOn, this.cameraOn ? icons.camera : icons.cameraOff, () =>
              emit(this, 'video-conference-prejoin-toggle', { device: 'camera' }),
            )}
            <div
              class="level"
              part="level"
              role="meter"
              aria-label=${t.microphoneLevel}
              aria-valuemin="0"
              aria-valuemax=${LEVEL_STEPS}
              aria-valuenow=${this.#level.level}
            >
              ${STEPS.map((step) => html`<i class=${step < this.#level.level ? 'on' : ''}></i>`)}
            </div>
          </div>
        </div>
        <div class="side">
          ${this.#renderNotice()}
          <div class="field">
            <label for="name">${t.yourName}</label>
            <input
              id="name"
              part="name-input"
              maxlength="64"
              autocomplete="nickname"
              placeholder=${t.guest}
              aria-invalid=${this.invalid ? 'true' : nothing}
              aria-describedby=${this.invalid ? 'name-error' : nothing}
              .value=${this.name}
              @input=${this.#onInput}
            />
            ${
              this.invalid
                ? html`<p id="name-error" class="error" part="name-error">
                    ${format(t.nameInvalid, { guest: t.guest })}
                  </p>`
                : nothing
            }
          </div>
          <video-conference-settings
            no-header
            ?blocked=${this.notice?.code === 'permission-denied'}
            .devices=${this.devices}
            .selected=${this.selected}
            .speakerSelection=${canChooseSpeaker}
            .effects=${this.effects}
            .strings=${t}
            @video-conference-device-select=${this.#onDeviceSelect}
            @video-conference-effects-change=${this.#onEffectsChange}
          ></video-conference-settings>
          <button type="submit" part="join-button">${t.join}</button>
        </div>
      </form>
    `;
  }

  /** The problem with the camera or microphone, here in the card, with a retry where asking again may help. */
  #renderNotice() {
    const notice = this.notice;
    if (!notice) return nothing;
    const t = withDetails(this.strings);
    const { message, retry } = describeNotice(notice, t);
    return html`
      <div class="notice" part="prejoin-notice" role="status" data-code=${notice.code}>
        <p>${message}</p>
        ${
          retry
            ? html`<button type="button" part="action" @click=${() => emit(this, 'video-conference-prejoin-retry', {})}>
                ${t.retryMedia}
              </button>`
            : nothing
        }
      </div>
    `;
  }

  #onInput = (event: InputEvent): void => {
    this.name = (event.target as HTMLInputElement).value;
    this.invalid = false;
  };

  /** Joins with the name trimmed, or none (a guest); a name the relay would refuse stays here, said why. */
  #join = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const parsed = this.name ? parseName(this.name) : { ok: true as const, value: '' };
    if (parsed.ok) {
      writeStored('localStorage', NAME_KEY, parsed.value);
      emit(this, 'video-conference-prejoin-join', { name: parsed.value });
      return;
    }
    this.invalid = true;
    await this.updateComplete;
    this.renderRoot.querySelector('input')?.focus();
  };

  /** The pickers' choice, passed on: their event does not leave this shadow root. */
  #onDeviceSelect = ({ detail }: CustomEvent<{ kind: DeviceKind; deviceId: string }>): void => {
    emit(this, 'video-conference-device-select', detail);
  };

  #onEffectsChange = ({ detail }: HTMLElementEventMap['video-conference-effects-change']): void => {
    emit(this, 'video-conference-effects-change', detail);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'video-conference-prejoin': VideoConferencePrejoin;
  }
}
