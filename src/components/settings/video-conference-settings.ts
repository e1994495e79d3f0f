// <video-conference-settings>: the device settings panel (or, without its header, the pre-join screen's
// pickers). Lists the cameras, microphones and speakers it is given, and the effects (background, noise
// suppression, music mode) when given them, and reports the user's choice; applying it is its owner's job.
import { LitElement, html, nothing } from 'lit';
import { emit } from '../events.ts';
import { customElement, property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { DeviceLists } from '../../rtc/index.ts';
import { panelHeader, panelHeaderStyles } from '../shared/panel-header.ts';
import { withDetails, type AllStrings } from '../i18n/en-details.ts';
import { EN, format, type Strings } from '../i18n/strings.ts';
import { styles } from './video-conference-settings.styles.ts';

type DeviceKind = keyof DeviceLists;

/** The effects the panel offers: what is on, and what this browser can run. */
export interface EffectSettings {
  /** `none`, `blur`, or an image's URL. */
  background: string;
  noiseSuppression: boolean;
  musicMode: boolean;
  canChangeBackground: boolean;
  canSuppressNoise: boolean;
}

/** The value of the background select's entry that opens the file picker. */
const CHOOSE_IMAGE = 'choose-image';

/** The selects in the order shown, with the strings for their labels and for unlabelled devices. */
const FIELDS = [
  { kind: 'videoinput', label: 'camera', numbered: 'cameraNumber', part: 'camera-select' },
  { kind: 'audioinput', label: 'microphone', numbered: 'microphoneNumber', part: 'microphone-select' },
  { kind: 'audiooutput', label: 'speaker', numbered: 'speakerNumber', part: 'speaker-select' },
] as const satisfies readonly { kind: DeviceKind; label: keyof AllStrings; numbered: keyof AllStrings; part: string }[];

/**
 * @summary The device settings of a call: camera, microphone and speaker.
 *
 * Presentational: it renders `devices` with `selected` chosen, and reports the user's choice. When
 * `selected` names no listed device (or nothing), the first device is shown, as browsers list the default
 * device first. `blocked` says the devices are not missing but refused to the page.
 *
 * @example
 * ```html
 * <video-conference-settings
 *   .devices=${{ audioinput: mics, videoinput: cameras, audiooutput: speakers }}
 *   .selected=${{ videoinput: cameraId }}
 *   .speakerSelection=${'setSinkId' in HTMLMediaElement.prototype}
 * ></video-conference-settings>
 * ```
 *
 * @fires video-conference-device-select - The user chose a device: `detail` is `{ kind, deviceId }`.
 * @fires video-conference-effects-change - The user changed an effect: `detail` holds the one changed, of `{ background, noiseSuppression, musicMode }`.
 * @fires video-conference-settings-close - The user pressed the close button.
 *
 * @csspart header - The bar with the heading and the close button.
 * @csspart heading - The "Settings" heading.
 * @csspart close - The close button.
 * @csspart field - One label with its select.
 * @csspart camera-select - The camera `<select>`.
 * @csspart microphone-select - The microphone `<select>`.
 * @csspart speaker-select - The speaker `<select>` (only where the browser can choose the audio output).
 * @csspart background-select - The background `<select>` (none, blur, an image), where the browser can change it.
 * @csspart noise-suppression - The noise suppression checkbox, where the browser can run it.
 * @csspart music-mode - The music mode checkbox.
 *
 * @cssprop --video-conference-settings-background - Panel background. Default `#0f1114`.
 * @cssprop --video-conference-settings-color - Text colour. Default `#fff`.
 * @cssprop --video-conference-settings-accent - Focus ring. Default `#2563eb`.
 * @cssprop --video-conference-settings-field-background - Select background. Default `#1f2329`.
 */
@customElement('video-conference-settings')
export class VideoConferenceSettings extends LitElement {
  static override styles = [panelHeaderStyles, styles];

  /** The devices of each kind, as `enumerateDevices()` lists them; set as a property. */
  @property({ attribute: false }) devices: DeviceLists = { audioinput: [], videoinput: [], audiooutput: [] };

  /** The device in use for each kind, by `deviceId`; set as a property. */
  @property({ attribute: false }) selected: Partial<Record<DeviceKind, string>> = {};

  /** The browser can choose the audio output (`HTMLMediaElement.setSinkId`); without it, no speaker select. */
  @property({ attribute: false }) speakerSelection = false;

  /** The browser blocks the camera and microphone for this page: every select says so instead of listing. */
  @property({ type: Boolean }) blocked = false;

  /** Leaves out the heading and close button, for pickers shown inside something else (the pre-join screen). */
  @property({ type: Boolean, attribute: 'no-header', reflect: true }) noHeader = false;

  /** The effects to offer (null: none); set as a property. */
  @property({ attribute: false }) effects: EffectSettings | null = null;

  /** The wording of its labels (the widget passes its own, translated). */
  @property({ attribute: false }) strings: Strings = EN;

  override render() {
    return html`
      ${this.noHeader ? nothing : panelHeader(this.strings.settings, withDetails(this.strings).closeSettings, () => this.#close())}
      <div class="fields">
        ${FIELDS.map((field) =>
          field.kind === 'audiooutput' && !this.speakerSelection ? nothing : this.#renderField(field),
        )}
        ${this.effects ? this.#renderEffects(this.effects) : nothing}
      </div>
    `;
  }

  #renderField({ kind, label: labelKey, numbered, part }: (typeof FIELDS)[number]) {
    const t = withDetails(this.strings);
    const label = t[labelKey];
    const devices = this.devices[kind] ?? [];
    const id = `${kind}-select`;
    if (devices.length === 0 || this.blocked) {
      return html`
        <div class="field" part="field">
          <label for=${id}>${label}</label>
          <select id=${id} part=${part} disabled>
            <option value="">${this.blocked ? t.blocked : t.noneFound}</option>
          </select>
        </div>
      `;
    }
    const wanted = this.selected[kind];
    const current = devices.some((device) => device.deviceId === wanted) ? wanted : devices[0]!.deviceId;
    // Selection goes through each option's live `selected`, not the select's `value`: on the first render
    // the select's value would be set before its options exist, and live() restores the selection when the
    // user picked a device its owner then did not switch to.
    return html`
      <div class="field" part="field">
        <label for=${id}>${label}</label>
        <select id=${id} part=${part} @change=${(event: Event) => this.#select(kind, event)}>
          ${devices.map((device, index) => {
            const name = device.label.trim() || format(t[numbered], { number: index + 1 });
            const chosen = device.deviceId === current;
            return html`<option value=${device.deviceId} .selected=${live(chosen)}>${name}</option>`;
          })}
        </select>
      </div>
    `;
  }

  #renderEffects({ background, noiseSuppression, musicMode, canChangeBackground, canSuppressNoise }: EffectSettings) {
    const t = withDetails(this.strings);
    const image = background !== 'none' && background !== 'blur';
    const option = (value: string, label: string) =>
      html`<option value=${value} .selected=${live(background === value || (image && value === 'image'))}>
        ${label}
      </option>`;
    const checkbox = (part: string, label: string, checked: boolean, key: 'noiseSuppression' | 'musicMode') =>
      html`<label class="check">
        <input
          type="checkbox"
          part=${part}
          .checked=${live(checked)}
          @change=${(event: Event) => this.#changeEffects({ [key]: (event.target as HTMLInputElement).checked })}
        />
        ${label}
      </label>`;
    return html`
      ${
        canChangeBackground
          ? html`<div class="field" part="field">
              <label for="background-select">${t.background}</label>
              <select id="background-select" part="background-select" @change=${this.#onBackground}>
                ${option('none', t.backgroundNone)} ${option('blur', t.backgroundBlur)}
                ${image ? option('image', t.backgroundImage) : nothing} ${option(CHOOSE_IMAGE, t.chooseImage)}
              </select>
              <input type="file" accept="image/*" hidden @change=${this.#onImage} />
            </div>`
          : nothing
      }
      ${canSuppressNoise ? checkbox('noise-suppression', t.noiseSuppression, noiseSuppression, 'noiseSuppression') : nothing}
      ${checkbox('music-mode', t.musicMode, musicMode, 'musicMode')}
    `;
  }

  /** Focuses the first picker (with nothing to pick, the close button), so opening the panel lands there. */
  override focus(): void {
    this.renderRoot.querySelector<HTMLElement>('select:enabled, button')?.focus();
  }

  #select(kind: DeviceKind, event: Event): void {
    const { value } = event.target as HTMLSelectElement;
    emit(this, 'video-conference-device-select', { kind, deviceId: value });
  }

  #onBackground = (event: Event): void => {
    const select = event.target as HTMLSelectElement;
    if (select.value === CHOOSE_IMAGE) {
      // The list shows what is sent until an image is picked (or the picker closed).
      this.requestUpdate();
      this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')?.click();
    } else if (select.value !== 'image') this.#changeEffects({ background: select.value });
  };

  /** An image from this device: its object URL becomes the background (it stays in this page). */
  #onImage = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) this.#changeEffects({ background: URL.createObjectURL(file) });
  };

  #changeEffects(detail: Partial<Pick<EffectSettings, 'background' | 'noiseSuppression' | 'musicMode'>>): void {
    emit(this, 'video-conference-effects-change', detail);
  }

  #close(): void {
    emit(this, 'video-conference-settings-close', {});
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'video-conference-settings': VideoConferenceSettings;
  }
}
