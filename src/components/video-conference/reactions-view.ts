// Reactions on screen: the menu of emoji the toolbar's button opens, and each reaction floating up over its
// sender's tile for a few seconds (said to screen readers too; the flood a peer could send is cut by the call).
import { html, nothing } from 'lit';
import { REACTIONS, type Participant, type Reaction } from '../../rtc/index.ts';
import type { Announcer } from '../controllers/announcer.ts';
import type { AllStrings } from '../i18n/en-details.ts';
import { format, type Strings } from '../i18n/strings.ts';
import type { EffectsHost } from './effects-host.ts';

/** How long a reaction shows. */
const SHOWN_MS = 4000;
/** At most this many float at once: more would cover the call. */
const SHOWN_LIMIT = 12;

interface Shown {
  key: number;
  id: string;
  emoji: string;
  /** The `peer-id` of the sender's tile (`local` for ours). */
  tile: string;
}

export class ReactionsView {
  menuOpen = false;
  readonly #host: EffectsHost & { react(emoji: Reaction): Promise<void> };
  readonly #announcer: Announcer;
  #shown: Shown[] = [];
  #key = 0;

  constructor(host: EffectsHost, announcer: Announcer) {
    this.#host = host as EffectsHost & { react(emoji: Reaction): Promise<void> };
    this.#announcer = announcer;
  }

  toggleMenu(): void {
    this.menuOpen = !this.menuOpen;
    this.#host.requestUpdate();
  }

  show(
    { id, emoji, local }: { id: string; emoji: string; local: boolean },
    participants: Participant[],
    t: Strings,
  ): void {
    const shown = { key: this.#key++, id, emoji, tile: local ? 'local' : id };
    this.#shown = [...this.#shown, shown].slice(-SHOWN_LIMIT);
    setTimeout(() => {
      this.#shown = this.#shown.filter((other) => other !== shown);
      this.#host.requestUpdate();
    }, SHOWN_MS);
    const name = local ? t.you : participants.find((p) => p.id === id)?.name || t.guest;
    this.#announcer.say(format((t as AllStrings).announceReaction, { name, emoji }), false);
  }

  render(t: AllStrings): unknown {
    return html`${this.#shown.map((shown) => this.#float(shown))}${this.menuOpen ? this.#menu(t) : nothing}`;
  }

  /** A reaction over its sender's tile, near its bottom (mid-stage when the tile is not shown). */
  #float({ key, id, emoji, tile: peerId }: Shown): unknown {
    const root = this.#host.renderRoot;
    const body = root.querySelector('.body')?.getBoundingClientRect();
    const tile = root.querySelector(`video-player[peer-id="${CSS.escape(peerId)}"]`)?.getBoundingClientRect();
    const left = body && tile ? tile.left - body.left + tile.width / 2 : (body?.width ?? 0) / 2;
    const top = body && tile ? tile.bottom - body.top - 16 : (body?.height ?? 0) - 16;
    // Each a little aside from the last, so several stay apart.
    const shift = ((key % 5) - 2) * 14;
    return html`<span
      class="reaction"
      part="reaction"
      data-from=${id}
      data-key=${key}
      aria-hidden="true"
      style="left: ${left + shift}px; top: ${top}px"
      >${emoji}</span
    >`;
  }

  #menu(t: AllStrings): unknown {
    const send = (emoji: Reaction) => {
      this.menuOpen = false;
      this.#host.requestUpdate();
      // Over the rate, or the call just ended: the menu simply closes.
      this.#host.react(emoji).catch(() => undefined);
    };
    const close = (event: KeyboardEvent) => event.key === 'Escape' && this.toggleMenu();
    return html`<div class="reactions" part="reactions" role="group" aria-label=${t.sendReaction} @keydown=${close}>
      ${REACTIONS.map(
        (emoji) => html`<button type="button" aria-label=${emoji} @click=${() => send(emoji)}>${emoji}</button>`,
      )}
    </div>`;
  }
}
