// Microphone, camera and devices in a real call: what one participant turns off, the other sees; the camera
// is really stopped; and switching devices swaps the track on the same peer connections.
import { expect } from '@open-wc/testing';
import '../../src/index.ts';
import {
  callOf,
  nextEvent,
  recordPeerConnections,
  remoteTiles,
  waitFor,
  waitForDecodedVideo,
} from '../support/browser.ts';

describe('media controls', () => {
  const connections = recordPeerConnections();

  it('muting shows on the other side; the camera turned off is stopped and shows an avatar; on again, video', async () => {
    const {
      elements: [ada, brian],
    } = await callOf(['Ada', 'Brian']);
    const connectionsBefore = connections.length;
    const adaAtBrian = () => remoteTiles(brian!)[0]!;

    const muted = nextEvent<{ id: string; audio: boolean }>(brian!, 'vc-participant-change');
    await ada!.toggleMicrophone(false);
    expect((await muted).audio).to.equal(false);
    await waitFor(() => adaAtBrian().micOff && brian!.participants[1]!.audio === false, 'mic-off at Brian');
    const microphone = ada!.shadowRoot!.querySelector('[part~=microphone-control]')!;
    expect(microphone.getAttribute('aria-pressed')).to.equal('false');

    const camera = ada!.localStream!.getVideoTracks()[0]!;
    await ada!.toggleCamera(false);
    expect(camera.readyState).to.equal('ended');
    await waitFor(() => adaAtBrian().shadowRoot!.querySelector('[part=avatar]'), 'avatar at Brian');
    expect(brian!.participants[1]!.video).to.equal(false);

    await ada!.toggleCamera(true);
    await waitForDecodedVideo(adaAtBrian());
    await waitFor(() => brian!.participants[1]!.video, 'video again at Brian');
    await ada!.toggleMicrophone(true);
    await waitFor(() => !adaAtBrian().micOff, 'mic on at Brian');
    expect(connections.length).to.equal(connectionsBefore);
  });

  it('the muted and camera-off attributes set mid-call turn the microphone and camera off and on again', async () => {
    const {
      elements: [ada, brian],
    } = await callOf(['Ada', 'Brian']);
    const adaAtBrian = () => brian!.participants[1]!;
    const camera = ada!.localStream!.getVideoTracks()[0]!;

    ada!.setAttribute('muted', '');
    ada!.setAttribute('camera-off', '');
    await waitFor(() => !adaAtBrian().audio && !adaAtBrian().video, 'microphone and camera off at Brian');
    expect(camera.readyState).to.equal('ended');
    expect(ada!.participants[0]).to.include({ audio: false, video: false });

    ada!.muted = false;
    ada!.cameraOff = false;
    await waitFor(() => adaAtBrian().audio && adaAtBrian().video, 'microphone and camera on again at Brian');
    await waitForDecodedVideo(remoteTiles(brian!)[0]!);
  });

  it('switching the microphone and camera swaps the tracks on the same connections', async () => {
    const {
      elements: [ada, brian],
    } = await callOf(['Ada', 'Brian']);
    const connectionsBefore = connections.length;
    const devices = await navigator.mediaDevices.enumerateDevices();
    const microphone = devices.filter((device) => device.kind === 'audioinput').at(-1)!;
    const cameraDevice = devices.find((device) => device.kind === 'videoinput')!;
    const [oldAudio, oldVideo] = [ada!.localStream!.getAudioTracks()[0]!, ada!.localStream!.getVideoTracks()[0]!];

    const changed = nextEvent<{ kind: string; deviceId: string }>(ada!, 'vc-device-change');
    await ada!.setDevice('audioinput', microphone.deviceId);
    expect(await changed).to.include({ kind: 'audioinput', deviceId: microphone.deviceId });
    await ada!.setDevice('videoinput', cameraDevice.deviceId);

    const [newAudio, newVideo] = [ada!.localStream!.getAudioTracks()[0]!, ada!.localStream!.getVideoTracks()[0]!];
    expect(newAudio.getSettings().deviceId).to.equal(microphone.deviceId);
    expect(newAudio === oldAudio || newVideo === oldVideo).to.equal(false);
    expect(oldAudio.readyState).to.equal('ended');
    await waitForDecodedVideo(remoteTiles(brian!)[0]!);
    expect(connections.length).to.equal(connectionsBefore);
    expect(brian!.participants[1]!.connectionState).to.equal('connected');
  });

  it('a raised hand shows on the tile and in an event, for the others and yourself', async () => {
    const {
      elements: [ada, brian],
    } = await callOf(['Ada', 'Brian']);
    const raised = nextEvent<{ id: string; hand: boolean }>(brian!, 'vc-participant-change');
    ada!.raiseHand();
    expect(await raised).to.include({ id: ada!.participants[0]!.id, hand: true });
    await waitFor(() => remoteTiles(brian!)[0]!.hand, 'hand on the tile at Brian');
    expect(ada!.participants[0]!.hand).to.equal(true);
    ada!.raiseHand(false);
    await waitFor(() => !remoteTiles(brian!)[0]!.hand, 'hand lowered at Brian');
  });

  it('an unplugged camera falls back to the default one, with an event, and video goes on', async () => {
    const {
      elements: [ada, brian],
    } = await callOf(['Ada', 'Brian']);
    const camera = ada!.localStream!.getVideoTracks()[0]!;
    const lost = nextEvent<{ kind: string; lost: boolean }>(ada!, 'vc-device-change');
    camera.stop();
    camera.dispatchEvent(new Event('ended')); // what the browser does when the device goes away
    expect(await lost).to.include({ kind: 'videoinput', lost: true });
    await waitFor(() => ada!.localStream!.getVideoTracks()[0] !== camera, 'a new camera track');
    await waitForDecodedVideo(remoteTiles(brian!)[0]!);
  });
});
