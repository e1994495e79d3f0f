// What hosts and guests in a lobby see, a chunk of its own (most calls have no use for it): the lobby's card
// for a guest waiting to be let in; for hosts, each knock (a chime, the name, Admit and Deny) and Remove and
// Ask-to-mute buttons on each remote tile; what is said when a host acts (announce()); and the host key a host
// holds, kept for this tab and taken out of the address bar (keepHostKey()).
import { css, html, nothing, render, svg, type LitElement, type TemplateResult } from 'lit';
import type { HostRequest, KnockMessage, Role } from '../../protocol.ts';
import type { CallState, Participant } from '../../rtc/index.ts';
import type { CallController } from '../controllers/call-controller.ts';
import type { StageController } from '../controllers/stage-controller.ts';
import type { VideoConferenceEventDetails } from '../events.ts';
import { withDetails } from '../i18n/en-details.ts';
import { format, type Strings } from '../i18n/strings.ts';
import { icons } from '../shared/icons.ts';
import { writeStored } from '../shared/stored.ts';
import { HOST_KEY_ITEM, claimedRooms, hostKeyFromFragment } from './room-id.ts';

/** What the host view reads of its element. */
export interface HostsHost extends LitElement {
  readonly room: string;
  readonly state: CallState;
  readonly callRole: Role;
  readonly participants: Participant[];
  readonly knocks: KnockMessage[];
}

export const styles = css`
  .knocks {
    position: absolute;
    /* Below the line of toasts (top centre), which a knock card would otherwise cover on narrower stages. */
    top: calc(var(--_gap) * 2 + 2.5rem);
    right: calc(var(--_gap) * 2);
    z-index: 2;
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    max-width: min(22rem, calc(100% - var(--_gap) * 4));
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .knocks li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 0.75rem;
    border-radius: 8px;
    background: linear-gradient(var(--_scrim), var(--_scrim)), var(--video-conference-background, var(--_bg));
    box-shadow: 0 0 0 2px var(--video-conference-accent, #2563eb);
    animation: knock 0.6s ease-out 2;
  }
  .knocks span {
    flex: 1;
    min-width: 8rem;
    overflow-wrap: anywhere;
  }
  .knocks [data-deny] {
    background: transparent;
    box-shadow: inset 0 0 0 1px currentColor;
    color: inherit;
  }
  @keyframes knock {
    50% {
      translate: -0.4rem 0;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .knocks li {
      animation: none;
    }
  }
`;

/** A person leaving (a door and an arrow), for Remove. */
const removeIcon = svg`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="currentColor">
  <path d="M10 17l1.4-1.4L8.8 13H20v-2H8.8l2.6-2.6L10 7l-5 5zM3 3h8v2H5v14h6v2H3z"></path>
</svg>`;

/** What the host view shows in `el`'s call: a waiting guest's lobby card, or for hosts the knocks (`listed`: the participants panel lists them itself). */
export function renderHostView(
  el: HostsHost,
  call: CallController,
  state: CallState,
  listed: boolean,
  act: (request: HostRequest) => void,
  strings: Strings,
): unknown {
  if (state === 'waiting') return renderLobby(call.hostPresent, strings);
  return el.callRole === 'host' && state === 'joined' && !listed ? renderKnocks(el.knocks, act, strings) : nothing;
}

/** For hosts, after the stage placed its tiles: their buttons on them, and the host key kept. */
export function hostViewUpdated(
  el: HostsHost,
  call: CallController,
  stage: StageController,
  act: (request: HostRequest) => void,
  strings: Strings,
): void {
  const tiles = stage.element;
  if (tiles && stage.view) decorateTiles(tiles, el.participants, act, strings);
  if (call.hostKey) keepHostKey(el.room, call.hostKey, call.hostKeys);
}

/** A guest's card while waiting in the lobby: whether a host is there to let them in. */
function renderLobby(hostPresent: boolean, strings: Strings): TemplateResult {
  const t = withDetails(strings);
  return html`<div class="overlay" part="lobby" role="status">
    <p>${hostPresent ? t['state.waiting'] : t.waitingNoHost}</p>
  </div>`;
}

/** For hosts: the people waiting in the lobby, each with Admit and Deny. */
function renderKnocks(
  knocks: KnockMessage[],
  act: (request: HostRequest) => void,
  strings: Strings,
): TemplateResult | typeof nothing {
  if (!knocks.length) return nothing;
  const t = withDetails(strings);
  return html`<ul class="knocks" part="knocks" aria-label=${t.waitingToJoin}>
    ${knocks.map(
      ({ id, name }) =>
        html`<li data-id=${id}>
          <span>${format(t.knocking, { name: name || t.guest })}</span>
          <button type="button" part="action" data-admit @click=${() => act({ action: 'admit', id })}>
            ${t.admit}
          </button>
          <button type="button" part="action" data-deny @click=${() => act({ action: 'deny', id })}>${t.deny}</button>
        </li>`,
    )}
  </ul>`;
}

/**
 * For hosts, Remove and Ask-to-mute buttons among each remote camera tile's actions (slotted into the
 * `<video-player>`); none on your own tile or on screen shares, and none at all for guests (`act` null).
 */
function decorateTiles(
  stage: Element,
  participants: Participant[],
  act: ((request: HostRequest) => void) | null,
  strings: Strings,
): void {
  const t = withDetails(strings);
  for (const tile of stage.querySelectorAll('video-player')) {
    const participant = act && participants.find((p) => !p.local && p.id === tile.getAttribute('peer-id'));
    if (!participant) {
      render(nothing, tile);
      continue;
    }
    const { id } = participant;
    const name = participant.name || t.guest;
    render(
      html`<button
          type="button"
          slot="actions"
          data-host-action="mute"
          aria-label=${format(t.askToMute, { name })}
          title=${format(t.askToMute, { name })}
          @click=${() => act!({ action: 'mute', id })}
        >
          ${icons.micOff}</button
        ><button
          type="button"
          slot="actions"
          data-host-action="remove"
          aria-label=${format(t.removeName, { name })}
          title=${format(t.removeName, { name })}
          @click=${() => act!({ action: 'remove', id })}
        >
          ${removeIcon}
        </button>`,
      tile,
    );
  }
}

type HostEvent = {
  [K in keyof VideoConferenceEventDetails]: { type: K; detail: VideoConferenceEventDetails[K] };
}[
  | 'vc-knock'
  | 'vc-room-locked'
  | 'vc-room-unlocked'
  | 'vc-lobby-change'
  | 'vc-mute-requested'
  | 'vc-room-ended'
  | 'vc-state-change'];

/**
 * What to say when a host acted, or a guest started to wait in the lobby (`participants`: the call's, yourself
 * first; `call.hostPresent`: a host is there to let them in; `call.endedByYou`: you ended the call for everyone),
 * and whether to show it too; '' for nothing. A knock also chimes.
 */
export function announce(
  event: Event,
  participants: Participant[],
  { hostPresent, endedByYou }: { hostPresent: boolean; endedByYou: boolean },
  strings: Strings,
): [text: string, toast: boolean] {
  const t = withDetails(strings);
  const { type, detail } = event as CustomEvent as unknown as HostEvent;
  switch (type) {
    case 'vc-knock':
      chime();
      // Said only: the knock's own card shows it.
      return [format(t.knocking, { name: detail.name || t.guest }), false];
    case 'vc-room-locked':
      return [t.announceLocked, true];
    case 'vc-room-unlocked':
      return [t.announceUnlocked, true];
    case 'vc-lobby-change':
      return [detail.enabled ? t.announceLobbyOn : t.announceLobbyOff, true];
    case 'vc-room-ended':
      return [t[endedByYou ? 'endedByYou' : 'error.ended'], false];
    case 'vc-state-change':
      return [hostPresent ? t['state.waiting'] : t.waitingNoHost, false];
    case 'vc-mute-requested': {
      const self = participants[0]?.id;
      const { by, id } = detail;
      if (id ? id === self : by !== self) return [t.announceMutedByHost, true];
      const name = participants.find((p) => p.id === id)?.name || t.guest;
      return [by === self ? (id ? format(t.announceMuteAsked, { name }) : t.announceMuteAllAsked) : '', true];
    }
  }
}

/** Two short soft tones, as a doorbell: nothing if the page may not play sound yet. */
function chime(): void {
  try {
    const context = new AudioContext();
    const gain = context.createGain();
    gain.connect(context.destination);
    gain.gain.setValueAtTime(0.08, context.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 0.5);
    for (const [frequency, at] of [
      [880, 0],
      [660, 0.18],
    ] as const) {
      const tone = context.createOscillator();
      tone.frequency.value = frequency;
      tone.connect(gain);
      tone.start(context.currentTime + at);
      tone.stop(context.currentTime + at + 0.3);
    }
    setTimeout(() => void context.close(), 1_000);
  } catch {
    // No audio for this page: the card and the announcement remain.
  }
}

/** The host key this page last kept in sessionStorage for each room. */
const kept = new Map<string, string>();

/**
 * Keeps the host key an element holds for `room`: in `keys` (its own, for its next join) and in sessionStorage
 * (for the page after a reload of this tab; the page's other elements stay guests). A host invitation's key
 * also leaves the address bar (the rest of the fragment stays), so that whoever copies the address to invite
 * guests does not make them hosts.
 */
function keepHostKey(room: string, key: string, keys: Map<string, string>): void {
  keys.set(room, key);
  claimedRooms.add(room);
  // Where the page may not use storage (a sandboxed iframe), the key is kept in this page only.
  if (kept.get(room) !== key) {
    kept.set(room, key);
    writeStored('sessionStorage', HOST_KEY_ITEM + room, key);
  }
  if (!hostKeyFromFragment(location.hash, room)) return;
  const fragment = location.hash.slice(1).split('&');
  // It throws where the page may not change its address (a sandboxed iframe).
  try {
    history.replaceState(history.state, '', `#${fragment.filter((part) => !part.startsWith('host=')).join('&')}`);
  } catch {}
}
