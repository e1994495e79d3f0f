// What the person sharing a screen sees: not their own screen in the large tile (a screen shown inside
// itself repeats without end) but a tile saying they are presenting, whose button stops the share; the
// others still see the screen.
import { expect } from '@open-wc/testing';
import '../../src/index.ts';
import { callOf, remoteTiles, tiles, videoOf, waitFor, waitForDecodedVideo } from '../support/browser.ts';

describe('presenter', () => {
  it('shows the presenter a stop tile instead of their own screen; the others see the screen', async () => {
    const {
      elements: [ada, brian],
    } = await callOf(['Ada', 'Brian']);
    const adaId = ada!.participants[0]!.id;
    await ada!.startScreenShare();
    const screenAtBrian = () => remoteTiles(brian!).find((tile) => tile.peerId === `${adaId}:screen`);
    await waitFor(() => screenAtBrian(), 'a screen tile at Brian');
    await waitForDecodedVideo(screenAtBrian()!);
    expect(screenAtBrian()!.classList.contains('main')).to.equal(true);

    await ada!.updateComplete;
    const own = tiles(ada!).find((tile) => tile.peerId === 'local:screen')!;
    await own.updateComplete;
    expect(own.classList.contains('main'), 'the large tile').to.equal(true);
    expect(videoOf(own).srcObject === null, 'own screen not played back').to.equal(true);
    expect(own.shadowRoot!.textContent).to.include('You are presenting');
    const stop = own.shadowRoot!.querySelector<HTMLButtonElement>('[part=avatar] button')!;
    expect(stop.textContent!.trim()).to.equal('Stop presenting');

    stop.click();
    await waitFor(() => !screenAtBrian(), 'the screen tile gone at Brian');
    expect(ada!.participants[0]!.screen).to.equal(null);
    await ada!.updateComplete;
    expect(tiles(ada!).some((tile) => tile.peerId === 'local:screen')).to.equal(false);
    expect(ada!.shadowRoot!.querySelector('[part~=screen-control]')!.getAttribute('aria-pressed')).to.equal('false');
  });
});
