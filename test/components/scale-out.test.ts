// Scale-out in the browser: two <video-conference> elements in one room, each talking to a different relay (the
// two share one Redis, as behind a load balancer), find each other and show each other's decoded video.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import { remoteTiles, scaleOutRelays, uniqueRoom, waitFor, waitForDecodedVideo } from '../support/browser.ts';

describe('two relays on one Redis', () => {
  it('connect two elements on different relays in one room, with decoded remote video both ways', async () => {
    const [first, second] = await scaleOutRelays();
    expect(first).to.not.equal(second);
    const room = uniqueRoom();
    const page = await fixture<HTMLElement>(html`
      <div style="display: grid; grid-template-columns: repeat(2, 320px); grid-auto-rows: 240px; gap: 8px">
        <video-conference server=${first} room=${room} name="Ada"></video-conference>
        <video-conference server=${second} room=${room} name="Brian"></video-conference>
      </div>
    `);
    const [ada, brian] = [...page.querySelectorAll('video-conference')] as [VideoConference, VideoConference];
    for (const element of [ada, brian]) await waitFor(() => remoteTiles(element).length === 1, 'one remote tile');
    for (const element of [ada, brian]) await waitForDecodedVideo(remoteTiles(element)[0]!);
    expect(remoteTiles(ada)[0]!.name).to.equal('Brian');
    expect(remoteTiles(brian)[0]!.name).to.equal('Ada');
    expect(ada.state).to.equal('joined');
    expect(brian.state).to.equal('joined');
  });
});
