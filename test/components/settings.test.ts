// <video-conference-settings>: one labelled select per kind of device, showing the selected one, with
// names for unlabelled devices (or saying the devices are blocked), and the user's choice and the close
// button reported as events; without its header for the pre-join screen.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/components/settings/video-conference-settings.ts';
import type { VideoConferenceSettings } from '../../src/components/settings/video-conference-settings.ts';
import type { DeviceOption } from '../../src/rtc/index.ts';

type Devices = VideoConferenceSettings['devices'];

const devices: Devices = {
  videoinput: [
    { deviceId: 'cam-a', label: 'Front camera' },
    { deviceId: 'cam-b', label: 'USB camera' },
  ],
  audioinput: [
    { deviceId: 'mic-a', label: 'Built-in microphone' },
    { deviceId: 'mic-b', label: 'Headset microphone' },
  ],
  audiooutput: [
    { deviceId: 'spk-a', label: 'Built-in speakers' },
    { deviceId: 'spk-b', label: 'Headphones' },
  ],
};

function select(settings: VideoConferenceSettings, part: string): HTMLSelectElement | null {
  return settings.shadowRoot!.querySelector<HTMLSelectElement>(`[part=${part}]`);
}

function optionTexts(element: HTMLSelectElement | null): string[] {
  return [...(element?.options ?? [])].map((option) => option.textContent ?? '');
}

function unlabelled(prefix: string, count: number): DeviceOption[] {
  return Array.from({ length: count }, (_, index) => ({ deviceId: `${prefix}-${index}`, label: '' }));
}

describe('<video-conference-settings>', () => {
  it('shows a labelled select per kind with the selected devices chosen', async () => {
    const settings = await fixture<VideoConferenceSettings>(html`
      <video-conference-settings
        .devices=${devices}
        .selected=${{ videoinput: 'cam-b', audioinput: 'mic-a', audiooutput: 'spk-b' }}
        .speakerSelection=${true}
      ></video-conference-settings>
    `);
    expect(settings.shadowRoot!.querySelector('h2')!.textContent).to.equal('Settings');
    const parts = ['camera-select', 'microphone-select', 'speaker-select'];
    expect(parts.map((part) => select(settings, part)?.value)).to.deep.equal(['cam-b', 'mic-a', 'spk-b']);
    expect(parts.map((part) => select(settings, part)?.labels[0]?.textContent)).to.deep.equal([
      'Camera',
      'Microphone',
      'Speaker',
    ]);
    expect(optionTexts(select(settings, 'camera-select'))).to.deep.equal(['Front camera', 'USB camera']);

    settings.selected = { ...settings.selected, videoinput: 'cam-a' };
    await settings.updateComplete;
    expect(select(settings, 'camera-select')?.value).to.equal('cam-a');
  });

  it('shows the first device when the selected one is not listed', async () => {
    const settings = await fixture<VideoConferenceSettings>(html`
      <video-conference-settings .devices=${devices} .selected=${{ audioinput: 'gone' }}></video-conference-settings>
    `);
    expect(select(settings, 'camera-select')?.value).to.equal('cam-a');
    expect(select(settings, 'microphone-select')?.value).to.equal('mic-a');
  });

  it('puts the selection back when the owner does not follow the user', async () => {
    const settings = await fixture<VideoConferenceSettings>(html`
      <video-conference-settings .devices=${devices} .selected=${{ videoinput: 'cam-a' }}></video-conference-settings>
    `);
    const camera = select(settings, 'camera-select')!;
    camera.value = 'cam-b';
    settings.requestUpdate();
    await settings.updateComplete;
    expect(camera.value).to.equal('cam-a');
  });

  it('names unlabelled devices and disables a kind with no devices', async () => {
    const settings = await fixture<VideoConferenceSettings>(html`
      <video-conference-settings
        .devices=${{ videoinput: unlabelled('cam', 2), audioinput: [], audiooutput: unlabelled('spk', 1) }}
        .speakerSelection=${true}
      ></video-conference-settings>
    `);
    expect(optionTexts(select(settings, 'camera-select'))).to.deep.equal(['Camera 1', 'Camera 2']);
    expect(optionTexts(select(settings, 'speaker-select'))).to.deep.equal(['Speaker 1']);
    expect(optionTexts(select(settings, 'microphone-select'))).to.deep.equal(['None found']);
    expect(select(settings, 'microphone-select')?.disabled).to.equal(true);
    expect(select(settings, 'camera-select')?.disabled).to.equal(false);

    settings.devices = { ...settings.devices, audioinput: unlabelled('mic', 2) };
    await settings.updateComplete;
    expect(optionTexts(select(settings, 'microphone-select'))).to.deep.equal(['Microphone 1', 'Microphone 2']);
    expect(select(settings, 'microphone-select')?.disabled).to.equal(false);
  });

  it('leaves out the speaker select where the browser cannot choose the output', async () => {
    const settings = await fixture<VideoConferenceSettings>(html`
      <video-conference-settings .devices=${devices}></video-conference-settings>
    `);
    expect(select(settings, 'speaker-select') === null).to.equal(true);
    expect(select(settings, 'camera-select') === null).to.equal(false);
    settings.speakerSelection = true;
    await settings.updateComplete;
    expect(select(settings, 'speaker-select') === null).to.equal(false);
  });

  it('fires video-conference-device-select with the kind and the device', async () => {
    const settings = await fixture<VideoConferenceSettings>(html`
      <video-conference-settings .devices=${devices} .speakerSelection=${true}></video-conference-settings>
    `);
    for (const [part, kind, deviceId] of [
      ['camera-select', 'videoinput', 'cam-b'],
      ['microphone-select', 'audioinput', 'mic-b'],
      ['speaker-select', 'audiooutput', 'spk-b'],
    ] as const) {
      const element = select(settings, part)!;
      const event = oneEvent(settings, 'video-conference-device-select');
      element.value = deviceId;
      element.dispatchEvent(new Event('change', { bubbles: true }));
      const { detail, bubbles, composed } = await event;
      expect(detail).to.deep.equal({ kind, deviceId });
      expect([bubbles, composed]).to.deep.equal([true, false]);
    }
  });

  it('fires video-conference-settings-close from the close button', async () => {
    const settings = await fixture<VideoConferenceSettings>(
      html`<video-conference-settings></video-conference-settings>`,
    );
    const close = settings.shadowRoot!.querySelector<HTMLButtonElement>('[part=close]')!;
    expect(close.getAttribute('aria-label')).to.equal('Close settings');
    const event = oneEvent(settings, 'video-conference-settings-close');
    close.click();
    const { type, bubbles, composed } = await event;
    expect([type, bubbles, composed]).to.deep.equal(['video-conference-settings-close', true, false]);
  });

  it('says every kind is blocked when the browser blocks the devices, listed or not', async () => {
    const settings = await fixture<VideoConferenceSettings>(html`
      <video-conference-settings
        blocked
        .devices=${{ ...devices, audiooutput: [] }}
        .speakerSelection=${true}
      ></video-conference-settings>
    `);
    for (const part of ['camera-select', 'microphone-select', 'speaker-select']) {
      expect(select(settings, part)!.disabled, part).to.equal(true);
      expect(optionTexts(select(settings, part)), part).to.deep.equal(['Blocked']);
    }
  });

  it('leaves out its heading and close button with no-header', async () => {
    const settings = await fixture<VideoConferenceSettings>(
      html`<video-conference-settings no-header .devices=${devices}></video-conference-settings>`,
    );
    expect(settings.shadowRoot!.querySelectorAll('[part=header], h2, button')).to.have.length(0);
    expect(select(settings, 'camera-select')!.value).to.equal('cam-a');
  });
});
