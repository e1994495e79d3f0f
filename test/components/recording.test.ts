// Local recording in a call: a few seconds of a 2-person call give a WebM with video and sound that decodes in the
// page; the other participant sees who records while they do; leaving stops the recording and hands over the file;
// a tile hidden when it starts is sent while it records (it is in the recording).
import { expect } from '@open-wc/testing';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import { callOf, nextEvent, recordPeerConnections, remoteTiles, waitFor } from '../support/browser.ts';

const idOf = (element: VideoConference) => element.participants[0]!.id;

/** The recording indicator in `element`, or null. */
const indicatorOf = (element: VideoConference) => element.shadowRoot!.querySelector<HTMLElement>('[part=recording]');

/** Keeps the widget from downloading `element`'s recordings (the page takes them). */
function keepRecordings(element: VideoConference): void {
  element.addEventListener('vc-recording-stopped', (event) => event.preventDefault());
}

/** The WebM decoded in this page: its duration and picture size, and its sound's length and loudest sample. */
async function decode(blob: Blob): Promise<{ duration: number; width: number; seconds: number; peak: number }> {
  const video = document.createElement('video');
  video.muted = true;
  video.src = URL.createObjectURL(blob);
  await new Promise((resolve, reject) => {
    video.onloadedmetadata = resolve;
    video.onerror = () => reject(new Error('the recording does not load'));
  });
  const context = new OfflineAudioContext(1, 1, 48_000);
  const sound = await context.decodeAudioData(await blob.arrayBuffer());
  const samples = sound.getChannelData(0);
  let peak = 0;
  for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
  URL.revokeObjectURL(video.src);
  return { duration: video.duration, width: video.videoWidth, seconds: sound.duration, peak };
}

describe('recording', () => {
  const connections = recordPeerConnections();

  it('a tile hidden before it starts is sent again while it records, and paused again once it stops', async () => {
    const { elements } = await callOf(['Ada', 'Brian']);
    const [ada, brian] = elements as [VideoConference, VideoConference];
    keepRecordings(ada);
    const camera = brian.localStream!.getVideoTracks()[0]!;
    const sender = connections.flatMap((pc) => pc.getSenders()).find((s) => s.track === camera)!;
    const sending = () => sender.getParameters().encodings[0]!.active !== false;
    remoteTiles(ada)[0]!.style.display = 'none';
    await waitFor(() => !sending(), 'Brian stops sending video to Ada');
    await ada.startRecording();
    await waitFor(sending, 'sent again while Ada records');
    await ada.stopRecording();
    await waitFor(() => !sending(), 'paused again once the recording stops');
  });

  it('records the call into a WebM with video and sound; the other participant sees it while it lasts', async () => {
    const { elements } = await callOf(['Ada', 'Brian']);
    const [ada, brian] = elements as [VideoConference, VideoConference];
    keepRecordings(ada);
    const started = nextEvent(ada, 'vc-recording-started');
    await ada.startRecording();
    await started;
    expect(ada.recording).to.equal(true);

    // Brian is told, and sees who records.
    await waitFor(() => brian.participants.find((p) => p.id === idOf(ada))?.recording, 'Ada recording, at Brian');
    const atBrian = await waitFor(() => indicatorOf(brian), 'the indicator at Brian');
    expect(atBrian.textContent).to.contain('Ada');
    expect(atBrian.querySelector('button'), 'only the recorder stops it').to.equal(null);
    await waitFor(
      () => brian.shadowRoot!.querySelector('.announcer')!.textContent!.includes('Ada started recording'),
      'said at Brian',
    );
    // Ada sees for how long: three seconds of the call.
    await waitFor(() => /Recording 0:0[3-9]/.test(indicatorOf(ada)?.textContent ?? ''), '3 s recorded');

    const stopped = nextEvent<{ blob: Blob; durationMs: number }>(ada, 'vc-recording-stopped');
    const blob = await ada.stopRecording();
    const detail = await stopped;
    expect(detail.blob).to.equal(blob);
    expect(detail.durationMs).to.be.at.least(3000);
    expect(blob!.type).to.match(/^video\/webm/);
    const decoded = await decode(blob!);
    expect(decoded.duration, 'a duration, not Infinity').to.be.within(2, 60);
    expect(decoded.width, 'a picture').to.be.greaterThan(0);
    expect(decoded.seconds, 'sound as long').to.be.at.least(2);
    expect(decoded.peak, 'sound, not silence').to.be.greaterThan(0.01);

    expect(ada.recording).to.equal(false);
    await waitFor(() => !indicatorOf(brian), 'the indicator gone at Brian');
    await waitFor(() => !indicatorOf(ada), 'and at Ada');
    expect(await ada.stopRecording(), 'nothing more to stop').to.equal(null);
  });

  it('the indicator’s button stops it; leaving stops it too and hands over the file', async () => {
    const { elements } = await callOf(['Ada', 'Brian']);
    const [ada, brian] = elements as [VideoConference, VideoConference];
    keepRecordings(ada);
    await ada.startRecording();
    const stop = await waitFor(() => indicatorOf(ada)?.querySelector('button'), 'the stop button');
    const byButton = nextEvent<{ blob: Blob }>(ada, 'vc-recording-stopped');
    stop.click();
    expect((await byButton).blob.size).to.be.greaterThan(0);

    await ada.startRecording();
    await waitFor(() => brian.participants.find((p) => p.id === idOf(ada))?.recording, 'recording again, at Brian');
    await waitFor(() => /Recording 0:0[1-9]/.test(indicatorOf(ada)?.textContent ?? ''), '1 s recorded');
    const onLeave = nextEvent<{ blob: Blob; durationMs: number }>(ada, 'vc-recording-stopped');
    ada.leave();
    const { blob } = await onLeave;
    expect(blob.size).to.be.greaterThan(0);
    expect((await decode(blob)).width).to.be.greaterThan(0);
  });

  it('is refused outside a call', async () => {
    const { elements } = await callOf(['Ada', 'Brian']);
    const [ada] = elements as [VideoConference, VideoConference];
    ada.leave();
    const refusal = await ada.startRecording().then(
      () => 'started',
      (error: { code: string }) => error.code,
    );
    expect(refusal).to.equal('not-joined');
  });
});
