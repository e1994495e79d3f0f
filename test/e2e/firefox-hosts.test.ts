// Hosts across browsers: a host in one browser (the first to open the room) turns the lobby on, a guest in
// the other knocks and waits, is let in (video decodes both ways), is asked to mute (its widget mutes
// itself) and is removed (it ends in `removed`, its tile goes at the host). Chromium hosting Firefox, and the
// reverse; a Firefox guest turned down; and Firefox in a room on the SFU, asked to mute, removed, and ended.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import { openCallPage, until } from './call-page.ts';
import { relayChromiumFirefox } from './firefox.ts';
import { viewOf, waitForRemoteVideo, waitForView } from './harness.ts';

/** The host API of <video-conference> these tests use (the e2e program does not compile src/). */
interface HostApi extends HTMLElement {
  state: string;
  callRole: 'host' | 'guest';
  lobby: boolean;
  knocks: Array<{ id: string; name?: string }>;
  participants: Array<{ id: string; name: string; local: boolean; audio: boolean }>;
  localStream: MediaStream | null;
  setLobby(enabled: boolean): Promise<void>;
  admit(id: string): Promise<void>;
  deny(id: string): Promise<void>;
  requestMute(id?: string): Promise<void>;
  removeParticipant(id: string): Promise<void>;
  endForAll(): Promise<void>;
}

declare global {
  interface Window {
    /** The `vc-*` events the page's element fired since `record()` began listening: type and detail. */
    heard: Array<{ type: string; detail: unknown }>;
  }
}

const HEARD = ['vc-knock', 'vc-knock-ended', 'vc-mute-requested', 'vc-participant-removed', 'vc-peer-left', 'vc-error'];

/** Starts recording the page's `vc-*` events of HEARD into `window.heard`. */
function record(page: Page): Promise<void> {
  return page.evaluate((types) => {
    window.heard = [];
    const element = document.querySelector('video-conference')!;
    for (const type of types) {
      element.addEventListener(type, (event) => window.heard.push({ type, detail: (event as CustomEvent).detail }));
    }
  }, HEARD);
}

/** The details of the `type` events the page heard so far. */
function heard<T>(page: Page, type: string): Promise<T[]> {
  return page.evaluate(
    (type) => window.heard.filter((event) => event.type === type).map((event) => event.detail),
    type,
  ) as Promise<T[]>;
}

/** What the page's element says of its call: state, role, own id and microphone, the lobby card's text. */
function callOf(page: Page) {
  return page.evaluate(() => {
    const element = document.querySelector<HostApi>('video-conference')!;
    const self = element.participants[0];
    return {
      state: element.state,
      role: element.callRole,
      id: self?.id ?? '',
      microphone: self?.audio ?? false,
      others: element.participants.filter((p) => !p.local).map(({ id, audio }) => ({ id, audio })),
      knocks: element.knocks.map(({ id, name }) => ({ id, name })),
      localStream: element.localStream !== null,
      lobbyCard: element.shadowRoot!.querySelector('[part=lobby]')?.textContent?.trim() ?? '',
    };
  });
}

type CallSummary = Awaited<ReturnType<typeof callOf>>;

/** Polls `callOf(page)` until `check` accepts it; fails with `what` and the last summary after 30 s. */
async function waitForCall(page: Page, check: (call: CallSummary) => boolean, what: string): Promise<CallSummary> {
  let last: CallSummary | null = null;
  try {
    return await until(async () => {
      last = await callOf(page);
      return check(last) ? last : null;
    }, what);
  } catch (error) {
    throw new Error(`${(error as Error).message}; last: ${JSON.stringify(last)}`);
  }
}

describe('hosts across browsers', { timeout: 180_000 }, () => {
  const started = relayChromiumFirefox();

  /** The whole flow with the host in `hostBrowser` and the guest in `guestBrowser`, in a room of its own. */
  async function hostAdmitsMutesAndRemoves(hostBrowser: Browser, guestBrowser: Browser, room: string) {
    const { relay } = started;
    const host = await openCallPage(hostBrowser, `${relay.url}?room=${room}&name=Hana`);
    const hostCall = await waitForCall(host.page, (call) => call.state === 'joined', 'the host joined');
    assert.equal(hostCall.role, 'host');
    await record(host.page);
    await host.page.evaluate(() => document.querySelector<HostApi>('video-conference')!.setLobby(true));

    // The guest knocks and waits, learning nothing of the room.
    const guest = await openCallPage(guestBrowser, `${relay.url}?room=${room}&name=Gil`);
    const waiting = await waitForCall(
      guest.page,
      (call) => call.state === 'waiting' && call.lobbyCard.includes('Waiting for the host'),
      'the guest waiting in the lobby',
    );
    assert.deepEqual(waiting.others, []);
    assert.equal((await viewOf(guest.page)).remote.length, 0);

    // The host hears the knock and lets the guest in, under the knock's id.
    const [knock] = await until(async () => {
      const knocks = await heard<{ id: string; name: string }>(host.page, 'vc-knock');
      return knocks.length ? knocks : null;
    }, 'the knock at the host');
    assert.equal(knock!.name, 'Gil');
    assert.deepEqual((await callOf(host.page)).knocks, [{ id: knock!.id, name: 'Gil' }]);
    await host.page.evaluate((id) => document.querySelector<HostApi>('video-conference')!.admit(id), knock!.id);
    const admitted = await waitForCall(guest.page, (call) => call.state === 'joined', 'the guest let in');
    assert.equal(admitted.id, knock!.id);
    assert.equal(admitted.role, 'guest');
    await waitForRemoteVideo(host.page, 1);
    await waitForRemoteVideo(guest.page, 1);
    assert.deepEqual(await heard(host.page, 'vc-knock-ended'), [{ id: knock!.id }]);
    assert.deepEqual((await callOf(host.page)).knocks, []);

    // Asked to mute, the guest's widget turns its microphone off, and the host sees it off.
    await waitForCall(guest.page, (call) => call.microphone, 'the guest’s microphone on');
    await record(guest.page);
    await host.page.evaluate((id) => document.querySelector<HostApi>('video-conference')!.requestMute(id), admitted.id);
    await waitForCall(guest.page, (call) => !call.microphone, 'the guest muted');
    assert.deepEqual(await heard(guest.page, 'vc-mute-requested'), [{ by: hostCall.id, id: admitted.id }]);
    const track = await guest.page.evaluate(() => {
      const audio = document.querySelector<HostApi>('video-conference')!.localStream!.getAudioTracks()[0];
      return audio ? audio.enabled && audio.readyState === 'live' : false;
    });
    assert.equal(track, false, 'no live, enabled microphone track at the guest');
    await waitForCall(
      host.page,
      (call) => call.others.some((other) => other.id === admitted.id && !other.audio),
      'the guest seen muted at the host',
    );

    // Removed, the guest ends in `removed` (with a vc-error saying so), and its tile goes at the host.
    await host.page.evaluate(
      (id) => document.querySelector<HostApi>('video-conference')!.removeParticipant(id),
      admitted.id,
    );
    const removed = await waitForCall(guest.page, (call) => call.state === 'removed', 'the guest removed');
    assert.equal(removed.localStream, false);
    await waitForView(guest.page, (view) => view.status?.code === 'removed' && view.remote.length === 0);
    await waitForView(host.page, (view) => view.remote.length === 0);
    assert.deepEqual((await callOf(host.page)).others, []);
    assert.deepEqual(await heard(host.page, 'vc-participant-removed'), [{ id: admitted.id, by: hostCall.id }]);
    assert.deepEqual(await heard(host.page, 'vc-peer-left'), [{ id: admitted.id, reason: 'removed' }]);
    assert.deepEqual(
      (await heard<{ code: string }>(guest.page, 'vc-error')).map((error) => error.code),
      ['removed'],
    );
    assert.equal((await callOf(host.page)).state, 'joined');
    assert.deepEqual(await heard(host.page, 'vc-error'), []);
    assert.deepEqual([...host.errors, ...guest.errors], []);
    await host.close();
    await guest.close();
  }

  it('Chromium hosts: a Firefox guest knocks, is let in, asked to mute and removed', async () => {
    const { chromium, firefox } = started;
    await hostAdmitsMutesAndRemoves(chromium, firefox, `fox-guest-${Date.now()}`);
  });

  it('Firefox hosts: a Chromium guest knocks, is let in, asked to mute and removed', async () => {
    const { chromium, firefox } = started;
    await hostAdmitsMutesAndRemoves(firefox, chromium, `fox-host-${Date.now()}`);
  });

  it('Chromium hosts: a Firefox guest turned down ends in `denied`, having seen nothing of the room', async () => {
    const { relay, chromium, firefox } = started;
    const room = `fox-denied-${Date.now()}`;
    const host = await openCallPage(chromium, `${relay.url}?room=${room}&name=Hana`);
    await waitForCall(host.page, (call) => call.state === 'joined', 'the host joined');
    await record(host.page);
    await host.page.evaluate(() => document.querySelector<HostApi>('video-conference')!.setLobby(true));
    const guest = await openCallPage(firefox, `${relay.url}?room=${room}&name=Gil`);
    const waiting = await waitForCall(guest.page, (call) => call.state === 'waiting', 'the guest waiting');
    assert.deepEqual(waiting.others, []);
    await record(guest.page);
    const [knock] = await until(async () => {
      const knocks = await heard<{ id: string }>(host.page, 'vc-knock');
      return knocks.length ? knocks : null;
    }, 'the knock at the host');
    await host.page.evaluate((id) => document.querySelector<HostApi>('video-conference')!.deny(id), knock!.id);

    const denied = await waitForCall(guest.page, (call) => call.state === 'denied', 'the guest denied');
    assert.equal(denied.localStream, false);
    await waitForView(guest.page, (view) => view.status?.code === 'denied');
    assert.deepEqual(
      (await heard<{ code: string }>(guest.page, 'vc-error')).map((error) => error.code),
      ['denied'],
    );
    assert.deepEqual(await heard(host.page, 'vc-knock-ended'), [{ id: knock!.id }]);
    assert.deepEqual((await viewOf(host.page)).remote, []);
    assert.deepEqual((await callOf(host.page)).others, []);
    assert.deepEqual([...host.errors, ...guest.errors], []);
    await host.close();
    await guest.close();
  });
});

describe('hosts with Firefox in a room on the SFU', { timeout: 180_000 }, () => {
  const started = relayChromiumFirefox({ sfu: true });

  it('Firefox asked to mute and removed on the SFU: the two left go on through Janus, then all is ended', async () => {
    const { relay, chromium, firefox } = started;
    const room = `fox-sfu-${Date.now()}`;
    const host = await openCallPage(chromium, `${relay.url}?room=${room}&name=Hana`);
    const hostCall = await waitForCall(host.page, (call) => call.state === 'joined', 'the host joined');
    assert.equal(hostCall.role, 'host');
    const fox = await openCallPage(firefox, `${relay.url}?room=${room}&name=Fox`);
    const gil = await openCallPage(chromium, `${relay.url}?room=${room}&name=Gil`);
    for (const { page } of [host, fox, gil]) await waitForRemoteVideo(page, 2);
    assert.equal(await fox.page.evaluate(() => document.querySelector('video-conference')!.mode), 'sfu');
    const foxCall = await waitForCall(fox.page, (call) => call.microphone, 'Firefox’s microphone on');

    await host.page.evaluate((id) => document.querySelector<HostApi>('video-conference')!.requestMute(id), foxCall.id);
    await waitForCall(fox.page, (call) => !call.microphone, 'Firefox muted');
    for (const { page } of [host, gil]) {
      await waitForCall(
        page,
        (call) => call.others.some((other) => other.id === foxCall.id && !other.audio),
        'Firefox seen muted',
      );
    }

    await host.page.evaluate(
      (id) => document.querySelector<HostApi>('video-conference')!.removeParticipant(id),
      foxCall.id,
    );
    await waitForCall(fox.page, (call) => call.state === 'removed' && !call.localStream, 'Firefox removed');
    await until(
      () => fox.page.evaluate(() => window.connections.every((pc) => pc.connectionState === 'closed')),
      'Firefox’s connections to Janus closed',
    );
    for (const { page } of [host, gil]) {
      await waitForView(page, (view) => view.remote.length === 1 && view.remote[0]!.id !== foxCall.id);
      await waitForRemoteVideo(page, 1);
      assert.equal(await page.evaluate(() => document.querySelector('video-conference')!.mode), 'sfu');
    }

    await host.page.evaluate(() => document.querySelector<HostApi>('video-conference')!.endForAll());
    for (const { page } of [host, gil]) {
      await waitForCall(page, (call) => call.state === 'ended' && !call.localStream, 'the call ended');
      await until(
        () => page.evaluate(() => window.connections.every((pc) => pc.connectionState === 'closed')),
        'every connection closed',
      );
    }
    assert.deepEqual([...host.errors, ...fox.errors, ...gil.errors], []);
    for (const { close } of [host, fox, gil]) await close();
  });
});
