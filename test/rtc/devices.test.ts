// getLocalMedia: real fake devices, and fallbacks and error codes with stand-in MediaDevices.
import { expect } from '@open-wc/testing';
import { getLocalMedia } from '../../src/rtc/devices.ts';
import { RtcError } from '../../src/rtc/errors.ts';

/** A MediaDevices stand-in: which kinds exist, and how getUserMedia answers each request. */
function devices(kinds: MediaDeviceKind[], answer: (constraints: MediaStreamConstraints) => Promise<MediaStream>) {
  const requests: MediaStreamConstraints[] = [];
  const stub = {
    enumerateDevices: async () =>
      kinds.map((kind) => ({ kind, deviceId: '', groupId: '', label: '' }) as MediaDeviceInfo),
    getUserMedia: (constraints: MediaStreamConstraints) => (requests.push(constraints), answer(constraints)),
  } as unknown as MediaDevices;
  return { stub, requests };
}

const fail = (name: string) => () => Promise.reject(new DOMException(name, name));

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(RtcError);
    return (error as RtcError).code;
  }
  throw new Error('expected a rejection');
}

describe('getLocalMedia', () => {
  it('opens the (fake) camera and microphone', async () => {
    const { stream, missing } = await getLocalMedia();
    expect(stream.getAudioTracks()).to.have.length(1);
    expect(stream.getVideoTracks()).to.have.length(1);
    expect(missing).to.deep.equal([]);
    for (const track of stream.getTracks()) track.stop();
  });

  it('asks only for the kinds of device that exist', async () => {
    const { stub, requests } = devices(['audioinput'], async () => new MediaStream());
    expect((await getLocalMedia(undefined, stub)).missing).to.deep.equal(['video']);
    expect(requests).to.have.length(1);
    expect(requests[0]!.video).to.equal(false);
  });

  it('joins listen-only without asking when there are no devices', async () => {
    const { stub, requests } = devices([], async () => new MediaStream());
    const media = await getLocalMedia(undefined, stub);
    expect(media.missing).to.deep.equal(['audio', 'video']);
    expect(media.stream.getTracks()).to.have.length(0);
    expect(requests).to.have.length(0);
  });

  it('falls back to audio only when the camera cannot be found', async () => {
    const { stub, requests } = devices(['audioinput', 'videoinput'], async (constraints) =>
      constraints.video ? Promise.reject(new DOMException('gone', 'NotFoundError')) : new MediaStream(),
    );
    expect((await getLocalMedia(undefined, stub)).missing).to.deep.equal(['video']);
    expect(requests).to.have.length(2);
  });

  it('maps refusals to stable codes', async () => {
    expect(await codeOf(getLocalMedia(undefined, devices(['videoinput'], fail('NotAllowedError')).stub))).to.equal(
      'permission-denied',
    );
    expect(await codeOf(getLocalMedia(undefined, devices(['videoinput'], fail('SecurityError')).stub))).to.equal(
      'permission-denied',
    );
    expect(await codeOf(getLocalMedia(undefined, devices(['videoinput'], fail('NotReadableError')).stub))).to.equal(
      'device-in-use',
    );
  });
});
