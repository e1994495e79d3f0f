// <video-conference> without a `room`, with a real relay: it joins the room the page's `#room=` names, an
// explicit room wins, `shareUrl` invites someone into the same call, and each case joins exactly once.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.ts';
import { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import { nextEvent, relayCommand, uniqueRoom, waitFor } from '../support/browser.ts';

interface Joined {
  id: string;
  room: string;
}

/** Adds `element` to the page (the fixture removes it after the test); resolves once it joined. */
async function connect(element: HTMLElement): Promise<Joined & { states: string[] }> {
  element.setAttribute('server', await relayCommand('relay-url'));
  const states: string[] = [];
  element.addEventListener('vc-state-change', ({ detail }) => states.push(detail.state));
  const joined = nextEvent<Joined>(element, 'vc-joined');
  (await fixture(html`<div></div>`)).append(element);
  return { ...(await joined), states };
}

describe('<video-conference> rooms and invitation links', () => {
  const page = location.href;
  afterEach(() => history.replaceState(null, '', page));

  it('joins the room named by #room= in the page URL, among other fragment parameters', async () => {
    const room = uniqueRoom();
    history.replaceState(null, '', `#lang=fr&room=${room}&x=1`);
    const element = document.createElement('video-conference');
    const joined = await connect(element);
    expect(joined.room).to.equal(room);
    expect(element.getAttribute('room')).to.equal(room);
    expect(joined.states).to.deep.equal(['joining', 'joined']);
  });

  it('prefers an explicit room attribute to #room=', async () => {
    const room = uniqueRoom();
    history.replaceState(null, '', `#room=${uniqueRoom()}`);
    const element = document.createElement('video-conference');
    element.setAttribute('room', room);
    const joined = await connect(element);
    expect(joined.room).to.equal(room);
    expect(element.getAttribute('room')).to.equal(room);
    expect(joined.states).to.deep.equal(['joining', 'joined']);
  });

  it('ignores a #room= that is not a valid room name and makes a new room', async () => {
    history.replaceState(null, '', `#room=${encodeURIComponent('not a room')}`);
    const joined = await connect(document.createElement('video-conference'));
    expect(joined.room).to.match(/^[A-Za-z0-9_-]{22}$/);
  });

  it('shareUrl is this page with #room=, and whoever opens it joins the same call', async () => {
    history.replaceState(null, '', '#lang=fr');
    const first = document.createElement('video-conference');
    expect(first.shareUrl).to.equal('');
    const firstJoined = await connect(first);
    const shareUrl = new URL(first.shareUrl);
    expect(shareUrl.href.split('#')[0]).to.equal(location.href.split('#')[0]);
    expect(shareUrl.hash).to.equal(`#room=${firstJoined.room}`);

    // Opening the link: the same page, with the link's fragment.
    history.replaceState(null, '', shareUrl.href);
    const peerJoined = nextEvent<{ id: string }>(first, 'vc-peer-joined');
    const second = document.createElement('video-conference');
    const secondJoined = await connect(second);
    expect(secondJoined.room).to.equal(firstJoined.room);
    expect(second.shareUrl).to.equal(first.shareUrl);
    expect((await peerJoined).id).to.equal(secondJoined.id);
  });

  it('joins once, in the given room, when room was set as a property before the element was defined', async () => {
    // Pages often set properties from a script that runs before the widget's module: Lit applies those in
    // the element's first update, so a room must not be made up at connection time.
    const room = uniqueRoom();
    const element = document.createElement('late-video-conference');
    Object.assign(element, { room });
    const joined = connect(element);
    await waitFor(() => element.isConnected, 'the undefined element in the page');
    customElements.define('late-video-conference', class extends VideoConference {});
    const { room: joinedRoom, states } = await joined;
    expect(joinedRoom).to.equal(room);
    expect(states).to.deep.equal(['joining', 'joined']);
  });
});
