// The host key of a host invitation (`#room=…&host=…`), through the real relay: once read, it leaves the
// address bar (the rest of the fragment stays), so that whoever copies the address to invite guests does not
// make them hosts; the element that read it joins as host again with it; a reload of the page (a framed page
// here, which shares the tab's sessionStorage) keeps the role, and another element of that page stays a guest.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import { relayCommand, uniqueRoom, waitFor } from '../support/browser.ts';

/** A <video-conference> for `server`, added to `container` in whichever document that is. */
async function widget(container: HTMLElement, props: Partial<VideoConference>): Promise<VideoConference> {
  const view = container.ownerDocument.defaultView!;
  await view.customElements.whenDefined('video-conference');
  const element = container.ownerDocument.createElement('video-conference');
  Object.assign(element, props);
  container.append(element);
  return element;
}

const joined = (element: VideoConference) => waitFor(() => element.state === 'joined', `${element.name} joined`);

/** The host key in a host invitation. */
const keyOf = (invitation: string) => new URLSearchParams(new URL(invitation).hash.slice(1)).get('host')!;

/** Loads (or reloads) `frame` and resolves once its page is there. */
function loaded(frame: HTMLIFrameElement, load: () => void): Promise<Document> {
  return new Promise((resolve) => {
    frame.addEventListener('load', () => resolve(frame.contentDocument!), { once: true });
    load();
  });
}

describe('host key hygiene', () => {
  let server: string;
  let room: string;
  let container: HTMLElement;
  let address: string;

  beforeEach(async () => {
    server ??= await relayCommand('relay-url');
    room = uniqueRoom();
    container = await fixture<HTMLElement>(html`<div></div>`);
    address = location.href;
  });

  afterEach(() => history.replaceState(null, '', address));

  it('takes a host invitation’s key out of the address bar, and joins as host again with it', async () => {
    const creator = await widget(container, { server, room, name: 'Hana' });
    await joined(creator);
    const key = keyOf(creator.hostShareUrl);
    history.replaceState(null, '', `#room=${room}&host=${key}&via=mail`);

    // Without a `room`, the element takes the fragment's, and its host key.
    const cohost = await widget(container, { server, name: 'Cora' });
    await joined(cohost);
    expect([cohost.room, cohost.callRole]).to.deep.equal([room, 'host']);
    await waitFor(() => !location.hash.includes('host='), 'the key out of the address bar');
    expect(location.hash).to.equal(`#room=${room}&via=mail`);
    expect(cohost.hostShareUrl).to.equal(creator.hostShareUrl);

    // Whoever opens the address now is a guest.
    const guest = await widget(container, { server, name: 'Gil' });
    await joined(guest);
    expect([guest.room, guest.callRole, guest.hostShareUrl]).to.deep.equal([room, 'guest', '']);

    // The element that read the key still holds it for its next join.
    cohost.leave();
    await cohost.join();
    await joined(cohost);
    expect(cohost.callRole).to.equal('host');
  });

  it('keeps the role through a reload of the page, for that page’s first element of the room only', async () => {
    const creator = await widget(container, { server, room, name: 'Hana' });
    await joined(creator);
    const frame = document.createElement('iframe');
    frame.allow = 'camera; microphone';
    container.append(frame);
    const src = new URL(`host-key-frame.html#room=${room}&host=${keyOf(creator.hostShareUrl)}`, import.meta.url);
    let page = await loaded(frame, () => (frame.src = src.href));
    const first = await widget(page.body, { server, name: 'Cora' });
    await joined(first);
    expect(first.callRole).to.equal('host');
    await waitFor(() => frame.contentWindow!.location.hash === `#room=${room}`, 'the key out of the frame’s address');

    page = await loaded(frame, () => frame.contentWindow!.location.reload());
    const again = await widget(page.body, { server, name: 'Cora' });
    await joined(again);
    expect([again.room, again.callRole]).to.deep.equal([room, 'host']);
    const other = await widget(page.body, { server, name: 'Gil' });
    await joined(other);
    expect([other.room, other.callRole]).to.deep.equal([room, 'guest']);
    frame.remove();
  });

  it('joins where the page may not use sessionStorage (a sandboxed frame throws on it)', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(window, 'sessionStorage')!;
    Object.defineProperty(window, 'sessionStorage', {
      configurable: true,
      get() {
        throw new DOMException('The document is sandboxed.', 'SecurityError');
      },
    });
    try {
      const creator = await widget(container, { server, room, name: 'Hana' });
      await joined(creator);
      expect(creator.callRole).to.equal('host');
      history.replaceState(null, '', `#room=${room}&host=${keyOf(creator.hostShareUrl)}`);
      const cohost = await widget(container, { server, name: 'Cora' });
      await joined(cohost);
      expect(cohost.callRole).to.equal('host');
      await waitFor(() => location.hash === `#room=${room}`, 'the key out of the address bar');
      cohost.leave();
      await cohost.join();
      await joined(cohost);
      expect(cohost.callRole).to.equal('host');
    } finally {
      Object.defineProperty(window, 'sessionStorage', descriptor);
    }
  });
});
