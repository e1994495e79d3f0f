// Where the browser lacks what an effect needs, its option is hidden and asking for it is refused with a code of
// its own; nothing else changes. Simulated by taking canvas capture (backgrounds, recording) and AudioWorklet (noise
// suppression) away from this page before any effect is asked about.
import { expect } from '@open-wc/testing';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import { callOf, nextEvent, waitFor } from '../support/browser.ts';

const canvasCapture = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, 'captureStream')!;
const audioWorklet = globalThis.AudioWorkletNode;

const codeOf = (asked: Promise<unknown>) =>
  asked.then(
    () => 'done',
    (error: { code: string }) => error.code,
  );

describe('effects this browser cannot run', () => {
  before(() => {
    delete (HTMLCanvasElement.prototype as Partial<HTMLCanvasElement>).captureStream;
    (globalThis as { AudioWorkletNode?: unknown }).AudioWorkletNode = undefined;
  });
  after(() => {
    Object.defineProperty(HTMLCanvasElement.prototype, 'captureStream', canvasCapture);
    globalThis.AudioWorkletNode = audioWorklet;
  });

  it('are refused with a code, their setting stays off, and the settings panel does not offer them', async () => {
    const { elements } = await callOf(['Ada', 'Brian']);
    const [ada] = elements as [VideoConference, VideoConference];
    const camera = ada.localStream!.getVideoTracks()[0];

    const error = nextEvent<{ code: string }>(ada, 'vc-error');
    expect(await codeOf(ada.setBackground('blur'))).to.equal('effect-unsupported');
    expect((await error).code).to.equal('effect-unsupported');
    expect(ada.background).to.equal('none');
    expect(ada.localStream!.getVideoTracks()[0] === camera, 'the camera sent as it is').to.equal(true);

    expect(await codeOf(ada.setNoiseSuppression(true))).to.equal('effect-unsupported');
    expect(ada.noiseSuppression).to.equal(false);
    expect(await codeOf(ada.startRecording())).to.equal('recording-unsupported');
    expect(ada.recording).to.equal(false);

    ada.shadowRoot!.querySelector<HTMLButtonElement>('[part~=more-control]')!.click();
    await ada.updateComplete;
    ada.shadowRoot!.querySelector<HTMLButtonElement>('[part~=settings-control]')!.click();
    const panel = await waitFor(() => ada.shadowRoot!.querySelector('video-conference-settings'), 'the settings');
    await panel.updateComplete;
    expect(panel.shadowRoot!.querySelector('[part=background-select]'), 'no background').to.equal(null);
    expect(panel.shadowRoot!.querySelector('[part=noise-suppression]'), 'no noise suppression').to.equal(null);
    expect(panel.shadowRoot!.querySelector('[part=music-mode]'), 'music mode needs nothing').to.not.equal(null);
  });
});
