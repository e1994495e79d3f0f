// Hosts and the lobby through the real relay (open mode: whoever opens a room is its host): a host turns the
// lobby on, guests knock and are let in (video flows) or turned down; a host removes a guest (its widget ends
// in `removed`, its tile goes elsewhere), asks for mute (honoured), locks the room and ends the call for
// everyone; a guest's host action is refused with `forbidden`. Every host action is an event on every element.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.ts';
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';
import {
  nextEvent,
  protectedRelay,
  relayCommand,
  remoteTiles,
  settled,
  uniqueRoom,
  waitFor,
  waitForDecodedVideo,
} from '../support/browser.ts';

/** The page: a 2×2 grid of 320×240 cells, so that every tile is on screen and gets video. */
async function page(): Promise<HTMLElement> {
  return fixture<HTMLElement>(html`
    <div style="display: grid; grid-template-columns: repeat(2, 320px); grid-auto-rows: 240px; gap: 8px"></div>
  `);
}

/** A <video-conference> named `name` in `room`, added to `container`. */
function widget(container: HTMLElement, server: string, room: string, name: string): VideoConference {
  const element = document.createElement('video-conference');
  Object.assign(element, { server, room, name });
  container.append(element);
  return element;
}

const idOf = (element: VideoConference) => element.participants[0]!.id;
const shadow = (element: VideoConference) => element.shadowRoot!;

/** Resolves with the `code` of what `promise` rejected with. */
async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code: string }).code;
  }
  throw new Error('it did not reject');
}

describe('hosts and the lobby', () => {
  let server: string;
  let room: string;
  let container: HTMLElement;

  beforeEach(async () => {
    server ??= await relayCommand('relay-url');
    room = uniqueRoom();
    container = await page();
  });

  /** The host: the first to join the room. */
  async function hostOf(name = 'Hana'): Promise<VideoConference> {
    const host = widget(container, server, room, name);
    await waitFor(() => host.state === 'joined', 'the host joined');
    return host;
  }

  /** Guests who join a room without a lobby, once everyone sees everyone. */
  async function guestsOf(host: VideoConference, names: string[]): Promise<VideoConference[]> {
    const guests = names.map((name) => widget(container, server, room, name));
    const everyone = [host, ...guests];
    for (const element of everyone) {
      await waitFor(() => element.state === 'joined' && remoteTiles(element).length === names.length, 'everyone');
    }
    return guests;
  }

  it('makes whoever opens a room its host, with a host invitation, and shows guests who the host is', async () => {
    const host = await hostOf();
    expect(host.callRole).to.equal('host');
    expect(host.participants[0]!.role).to.equal('host');
    const invitation = new URL(host.hostShareUrl);
    const fragment = new URLSearchParams(invitation.hash.slice(1));
    expect(fragment.get('room')).to.equal(room);
    expect(fragment.get('host')).to.match(/^[A-Za-z0-9_-]{22}$/);
    expect(host.shareUrl).not.to.include('host=');

    const [guest] = (await guestsOf(host, ['Gil'])) as [VideoConference];
    expect(guest.callRole).to.equal('guest');
    expect(guest.hostShareUrl).to.equal('');
    expect(guest.participants.find((p) => p.id === idOf(host))!.role).to.equal('host');
    await settled(guest);
    const hostTile = remoteTiles(guest)[0]!;
    expect(hostTile.hasAttribute('host')).to.equal(true);
    expect(hostTile.shadowRoot!.querySelector('[part=host-badge]')!.textContent).to.equal('Host');
    // Guests get no host controls on tiles; the host does, on the guest's tile.
    expect(hostTile.querySelector('[data-host-action]')).to.equal(null);
    await settled(host);
    const remove = await waitFor(
      () => remoteTiles(host)[0]!.querySelector<HTMLButtonElement>('[data-host-action=remove]'),
      'Remove on the tile',
    );
    expect(remove.getAttribute('aria-label')).to.equal('Remove Gil');
    // Among the tile's actions, which show when one of them has keyboard focus.
    remove.focus();
    const actions = remoteTiles(host)[0]!.shadowRoot!.querySelector('[part=tile-actions]')!;
    await waitFor(() => getComputedStyle(actions).opacity === '1', 'the actions shown');

    // A second host, through the invitation's key.
    const cohost = document.createElement('video-conference');
    Object.assign(cohost, { server, room, name: 'Cora', hostKey: fragment.get('host') });
    container.append(cohost);
    await waitFor(() => cohost.state === 'joined', 'the co-host joined');
    expect(cohost.callRole).to.equal('host');
    expect(cohost.hostShareUrl).to.equal(host.hostShareUrl);
  });

  it('lets a guest who knocks wait, then in once a host admits them, with video both ways', async () => {
    const host = await hostOf();
    const lobbyOn = nextEvent(host, 'vc-lobby-change');
    await host.setLobby(true);
    expect(await lobbyOn).to.deep.equal({ enabled: true, by: idOf(host) });
    expect(host.lobby).to.equal(true);

    const knock = nextEvent<{ id: string; name: string }>(host, 'vc-knock');
    const guest = widget(container, server, room, 'Gil');
    await waitFor(() => guest.state === 'waiting', 'the guest waits');
    const { id, name } = await knock;
    expect(name).to.equal('Gil');
    expect(host.knocks.map((k) => k.id)).to.deep.equal([id]);
    // The guest learns nothing of the room.
    expect(guest.participants.filter((p) => !p.local)).to.deep.equal([]);
    await waitFor(() => shadow(guest).querySelector('[part=lobby]'), 'the lobby card');
    expect(shadow(guest).querySelector('[part=lobby]')!.textContent).to.include('Waiting for the host');

    // The host sees the knock, and admits it from its card.
    await settled(host);
    const admit = await waitFor(
      () => shadow(host).querySelector<HTMLButtonElement>(`[part=knocks] li[data-id="${id}"] [data-admit]`),
      'the knock card',
    );
    const knockEnded = nextEvent(host, 'vc-knock-ended');
    admit.click();
    expect(await knockEnded).to.deep.equal({ id });
    await waitFor(() => guest.state === 'joined', 'the guest is in');
    expect(idOf(guest)).to.equal(id);
    expect(host.knocks).to.deep.equal([]);
    expect(guest.lobby).to.equal(true);
    await waitFor(() => remoteTiles(host).length === 1 && remoteTiles(guest).length === 1, 'a tile each');
    await waitForDecodedVideo(remoteTiles(host)[0]!);
    await waitForDecodedVideo(remoteTiles(guest)[0]!);
  });

  it('turns a knock down: the guest ends in `denied` with a vc-error', async () => {
    const host = await hostOf();
    await host.setLobby(true);
    const knock = nextEvent<{ id: string }>(host, 'vc-knock');
    const guest = widget(container, server, room, 'Gil');
    const error = nextEvent<{ code: string }>(guest, 'vc-error');
    const { id } = await knock;
    await host.deny(id);
    expect((await error).code).to.equal('denied');
    await waitFor(() => guest.state === 'denied', 'denied');
    expect(guest.localStream).to.equal(null);
    await waitFor(
      () => shadow(guest).querySelector('[part=status][data-code=denied]')?.textContent?.includes('did not let you in'),
      'the denied screen',
    );
    expect(remoteTiles(host)).to.have.length(0);
  });

  it('tells a guest who knocks while no host is in the room, and lets them in once a host comes', async () => {
    const host = await hostOf();
    const key = new URLSearchParams(new URL(host.hostShareUrl).hash.slice(1)).get('host')!;
    await guestsOf(host, ['Gil']);
    await host.setLobby(true);
    host.leave();
    const guest = widget(container, server, room, 'Kim');
    await waitFor(() => guest.state === 'waiting', 'Kim waits');
    const lobbyCard = () => shadow(guest).querySelector('[part=lobby]')?.textContent ?? '';
    await waitFor(() => lobbyCard().includes('has not joined yet'), 'no host');

    const returning = document.createElement('video-conference');
    Object.assign(returning, { server, room, name: 'Hana', hostKey: key });
    container.append(returning);
    await waitFor(() => lobbyCard().includes('Waiting for the host'), 'a host came');
    await waitFor(() => returning.callRole === 'host', 'the host is back');
    // Knocks already waiting come with the join.
    const [waiting] = returning.knocks;
    expect(waiting!.name).to.equal('Kim');
    await returning.admit(waiting!.id);
    await waitFor(() => guest.state === 'joined', 'Kim is in');
  });

  it('removes a participant: it ends in `removed`, its tile goes elsewhere, and it cannot come back', async () => {
    const host = await hostOf();
    const [gil, gus] = (await guestsOf(host, ['Gil', 'Gus'])) as [VideoConference, VideoConference];
    const gusId = idOf(gus);
    const seenByGil = nextEvent(gil, 'vc-participant-removed');
    const leftForGil = nextEvent(gil, 'vc-peer-left');
    const gusError = nextEvent<{ code: string }>(gus, 'vc-error');
    await host.removeParticipant(gusId);

    expect(await seenByGil).to.deep.equal({ id: gusId, by: idOf(host) });
    expect(await leftForGil).to.deep.equal({ id: gusId, reason: 'removed' });
    expect((await gusError).code).to.equal('removed');
    await waitFor(() => gus.state === 'removed', 'removed');
    await waitFor(() => remoteTiles(gil).length === 1 && remoteTiles(host).length === 1, 'Gus’s tile gone');
    expect(remoteTiles(gil)[0]!.peerId).to.equal(idOf(host));
    expect(gus.localStream).to.equal(null);
    const screen = (await waitFor(
      () =>
        shadow(gus).querySelector('[part=status][data-code=removed]')?.textContent?.includes('removed you') &&
        shadow(gus).querySelector('[part=status]')!,
      'the removed screen',
    )) as Element;
    expect(screen.querySelector('[part=action]')).to.equal(null);
    await settled(gil);
    expect(shadow(gil).querySelector('.announcer')!.textContent).to.include('Gus was removed');

    // Joining again is refused.
    const refusal = nextEvent<{ code: string }>(gus, 'vc-error');
    void gus.join();
    expect((await refusal).code).to.equal('removed');
    expect(gus.state).to.equal('error');
    expect(remoteTiles(gil)).to.have.length(1);
  });

  it('asks one participant, then everyone else, to mute: their microphones go off', async () => {
    const host = await hostOf();
    const [gil, gus] = (await guestsOf(host, ['Gil', 'Gus'])) as [VideoConference, VideoConference];
    const microphone = (element: VideoConference) => element.participants[0]!.audio;
    await waitFor(() => [host, gil, gus].every(microphone), 'every microphone on');

    // From the button on Gil's tile.
    const requested = nextEvent(gus, 'vc-mute-requested');
    await settled(host);
    const gilTile = remoteTiles(host).find((tile) => tile.peerId === idOf(gil))!;
    const askToMute = gilTile.querySelector<HTMLButtonElement>('[data-host-action=mute]')!;
    expect(askToMute.getAttribute('aria-label')).to.equal('Ask Gil to mute');
    askToMute.click();
    expect(await requested).to.deep.equal({ by: idOf(host), id: idOf(gil) });
    await waitFor(() => !microphone(gil), 'Gil muted');
    expect(microphone(gus)).to.equal(true);
    await waitFor(() => shadow(gil).querySelector('.announcer')!.textContent === 'The host muted you', 'told');
    expect(shadow(gil).querySelector('[part=toast]')!.textContent).to.equal('The host muted you');
    // The others see Gil's microphone off.
    await waitFor(() => host.participants.find((p) => p.id === idOf(gil))!.audio === false, 'seen muted');

    await host.requestMute();
    await waitFor(() => !microphone(gus), 'Gus muted');
    expect(microphone(host)).to.equal(true);
  });

  it('locks the room: everyone hears it, and nobody new gets in', async () => {
    const host = await hostOf();
    const [gil] = (await guestsOf(host, ['Gil'])) as [VideoConference];
    const locked = nextEvent(gil, 'vc-room-locked');
    await host.lock();
    expect(await locked).to.deep.equal({ by: idOf(host) });
    expect(gil.locked).to.equal(true);

    const late = widget(container, server, room, 'Late');
    const refusal = await nextEvent<{ code: string }>(late, 'vc-error');
    expect(refusal.code).to.equal('room-locked');
    expect(late.state).to.equal('error');

    const unlocked = nextEvent(gil, 'vc-room-unlocked');
    await host.unlock();
    expect(await unlocked).to.deep.equal({ by: idOf(host) });
    expect(host.locked).to.equal(false);
  });

  it('refuses a guest’s host actions with `forbidden`, and nobody hears of them', async () => {
    const host = await hostOf();
    const [gil] = (await guestsOf(host, ['Gil'])) as [VideoConference];
    let heard = 0;
    for (const type of ['vc-room-locked', 'vc-participant-removed', 'vc-mute-requested', 'vc-room-ended']) {
      host.addEventListener(type, () => heard++);
    }
    expect(await rejection(gil.lock())).to.equal('forbidden');
    expect(await rejection(gil.removeParticipant(idOf(host)))).to.equal('forbidden');
    expect(await rejection(gil.requestMute())).to.equal('forbidden');
    expect(await rejection(gil.endForAll())).to.equal('forbidden');
    expect(host.state).to.equal('joined');
    expect(host.locked).to.equal(false);
    expect(heard).to.equal(0);
    // Outside a call, there is nothing to act on.
    gil.leave();
    expect(await rejection(gil.lock())).to.equal('not-joined');
  });

  it('ends the call for everyone, the host and anyone knocking included', async () => {
    const host = await hostOf();
    const [gil] = (await guestsOf(host, ['Gil'])) as [VideoConference];
    await host.setLobby(true);
    const knock = nextEvent(host, 'vc-knock');
    const knocker = widget(container, server, room, 'Kim');
    await knock;
    const ended = [host, gil].map((element) => nextEvent(element, 'vc-room-ended'));
    let errors = 0;
    for (const element of [host, gil]) element.addEventListener('vc-error', () => errors++);
    await host.endForAll();
    await Promise.all(ended);
    await waitFor(() => [host, gil, knocker].every((element) => element.state === 'ended'), 'everyone ended');
    expect(errors).to.equal(0);
    expect(gil.localStream).to.equal(null);
    // The screen's chunk may still be on its way.
    const screen = (await waitFor(
      () =>
        shadow(gil).querySelector('[part=status]')?.textContent?.includes('ended the call for everyone') &&
        shadow(gil).querySelector('[part=status]')!,
      'the ended screen',
    )) as Element;
    expect(screen.querySelector('[part=action]')).to.equal(null);
    expect(screen.textContent).to.include('The host ended the call for everyone');
    // The host who ended it is told so in their own words.
    await waitFor(
      () => shadow(host).querySelector('[part=status]')?.textContent?.includes('You ended the call for everyone'),
      'the host’s ended screen',
    );
    await waitFor(
      () => shadow(host).querySelector('.announcer')!.textContent === 'You ended the call for everyone.',
      'said to the host',
    );
    await waitFor(
      () => shadow(gil).querySelector('.announcer')!.textContent === 'The host ended the call for everyone.',
      'said to the guest',
    );
  });

  it('resumes after a dropped connection with what hosts did counted: nothing replayed, nobody gone', async () => {
    const host = await hostOf();
    const [gil] = (await guestsOf(host, ['Gil'])) as [VideoConference];
    await host.setLobby(true);
    await host.lock();
    await host.unlock();
    const knock = nextEvent(host, 'vc-knock');
    const kim = widget(container, server, room, 'Kim');
    await knock;
    await waitFor(() => gil.lobby && !gil.locked, 'Gil heard it all');
    const heard: string[] = [];
    for (const element of [host, gil]) {
      for (const type of ['vc-lobby-change', 'vc-room-locked', 'vc-room-unlocked', 'vc-peer-left', 'vc-peer-joined']) {
        element.addEventListener(type, () => heard.push(`${element.name} ${type}`));
      }
    }
    const ids = [idOf(host), idOf(gil)];

    await relayCommand('relay-drop-connections');
    await waitFor(() => host.state === 'reconnecting' && gil.state === 'reconnecting', 'both reconnecting');
    await waitFor(() => host.state === 'joined' && gil.state === 'joined', 'both resumed');
    expect([idOf(host), idOf(gil)]).to.deep.equal(ids);
    expect([host.callRole, host.lobby, gil.lobby, gil.locked]).to.deep.equal(['host', true, true, false]);
    // Kim knocked again on her new connection.
    await waitFor(() => kim.state === 'waiting' && host.knocks.length === 1, 'Kim waits again');

    const locked = [host, gil].map((element) => nextEvent(element, 'vc-room-locked'));
    await host.lock();
    await Promise.all(locked);
    // Each element hears it once; which of their two connections delivers first is the network's affair.
    expect(heard.sort()).to.deep.equal(['Gil vc-room-locked', 'Hana vc-room-locked']);
  });

  it('takes roles and the lobby from join tokens on a relay with JOIN_SECRET, without host keys', async () => {
    const { url } = await protectedRelay();
    const [hostToken, guestToken] = await Promise.all([
      relayCommand('mint-join-token', { room, name: 'Hana', role: 'host', lobby: true }),
      relayCommand('mint-join-token', { room, name: 'Gil' }),
    ]);
    const host = document.createElement('video-conference');
    Object.assign(host, { server: url, room, token: hostToken });
    container.append(host);
    await waitFor(() => host.state === 'joined', 'the host joined');
    expect([host.callRole, host.lobby, host.hostShareUrl]).to.deep.equal(['host', true, '']);

    const knock = nextEvent<{ id: string; name: string; verified: boolean }>(host, 'vc-knock');
    const guest = document.createElement('video-conference');
    Object.assign(guest, { server: url, room, token: guestToken });
    container.append(guest);
    const { id, name, verified } = await knock;
    expect([name, verified]).to.deep.equal(['Gil', true]);
    await waitFor(() => guest.state === 'waiting', 'Gil waits');
    await host.admit(id);
    await waitFor(() => guest.state === 'joined' && remoteTiles(guest).length === 1, 'Gil is in');
    expect(guest.callRole).to.equal('guest');
    expect(guest.participants.find((p) => p.id === idOf(host))).to.include({ role: 'host', verified: true });
  });

  it('gives hosts a participants panel: roles, the room’s switches and each participant’s actions', async () => {
    const host = await hostOf();
    const [gil] = (await guestsOf(host, ['Gil'])) as [VideoConference];
    await settled(host);
    shadow(host).querySelector<HTMLButtonElement>('[part~=participants-control]')!.click();
    const panel = await waitFor(() => shadow(host).querySelector('video-conference-participants'), 'the panel');
    await customElements.whenDefined('video-conference-participants');
    await panel.updateComplete;
    const rows = [...panel.shadowRoot!.querySelectorAll('[part=list] li')];
    expect(rows.map((row) => row.querySelector('.name')!.textContent)).to.deep.equal(['Hana (you)', 'Gil']);
    expect(rows[0]!.querySelector('[part=role]')!.textContent).to.equal('Host');
    expect(rows[1]!.querySelector('[part=role]')).to.equal(null);

    const locked = nextEvent(gil, 'vc-room-locked');
    panel.shadowRoot!.querySelector<HTMLButtonElement>('[part~=lock-control]')!.click();
    await locked;
    await waitFor(() => host.locked, 'locked');
    await panel.updateComplete;
    await host.updateComplete;
    expect(panel.shadowRoot!.querySelector('[part~=lock-control]')!.getAttribute('aria-pressed')).to.equal('true');

    // A guest's panel lists the same people, with the host marked, and no controls.
    await settled(gil);
    shadow(gil).querySelector<HTMLButtonElement>('[part~=participants-control]')!.click();
    const guestPanel = await waitFor(() => shadow(gil).querySelector('video-conference-participants'), 'a panel');
    await guestPanel.updateComplete;
    expect(guestPanel.shadowRoot!.querySelector('[part~=host-control]')).to.equal(null);
    expect(guestPanel.shadowRoot!.querySelectorAll('[part=role]')).to.have.length(1);

    // Ending the call for everyone takes a second press.
    const end = panel.shadowRoot!.querySelector<HTMLButtonElement>('[part~=end-for-all]')!;
    end.click();
    await panel.updateComplete;
    expect(end.textContent!.trim()).to.equal('Click again to end it for everyone');
    expect(host.state).to.equal('joined');
    end.click();
    await waitFor(() => host.state === 'ended' && gil.state === 'ended', 'the call ended');
  });
});
