// Tells screen readers what happens in the call, from the element's own vc-* events: who joins, leaves or is
// removed, who mutes or unmutes, raises a hand or sends a chat message (and, through say(), what hosts do). The element shows `text` in a polite live
// region, and who joins, leaves or raises a hand for a few seconds as a `toast` everyone sees.
import type { ReactiveControllerHost } from 'lit';
import { format, type Strings } from '../i18n/strings.ts';

type Announcement =
  | 'announceJoined'
  | 'announceLeft'
  | 'announceRemoved'
  | 'announceMuted'
  | 'announceUnmuted'
  | 'announceHand'
  | 'announceMessage';

/** What is worth showing too, not only saying; and for how long. */
const TOASTS: Announcement[] = ['announceJoined', 'announceLeft', 'announceRemoved', 'announceHand'];
const TOAST_MS = 4_000;

export class Announcer {
  /** The latest announcement. */
  text = '';
  /** The latest joined, left or hand announcement, for TOAST_MS. */
  toast = '';
  #toastTimer: ReturnType<typeof setTimeout> | undefined;
  #host: ReactiveControllerHost & HTMLElement;
  #strings: () => Strings;
  /** Names by id, to announce who left. */
  #names = new Map<string, string>();
  /** Each remote's last heard microphone and hand, so their first state is not announced as a change. */
  #heard = new Map<string, { audio: boolean; hand: boolean }>();

  constructor(host: ReactiveControllerHost & HTMLElement, strings: () => Strings) {
    this.#host = host;
    this.#strings = strings;
    host.addEventListener('vc-message', ({ detail }) => {
      if (!detail.local) this.#say('announceMessage', { name: this.#name(detail.name), text: detail.text });
    });
    host.addEventListener('vc-peer-joined', ({ detail }) => {
      this.#names.set(detail.id, detail.name);
      this.#say('announceJoined', { name: this.#name(detail.name) });
    });
    host.addEventListener('vc-peer-left', ({ detail }) => {
      const name = this.#name(this.#names.get(detail.id));
      this.#say(detail.reason === 'removed' ? 'announceRemoved' : 'announceLeft', { name });
      this.#names.delete(detail.id);
      this.#heard.delete(detail.id);
    });
    host.addEventListener('vc-participant-change', ({ detail }) => {
      if (detail.local) return;
      const name = this.#name(detail.name);
      const before = this.#heard.get(detail.id);
      this.#heard.set(detail.id, { audio: detail.audio, hand: detail.hand });
      this.#names.set(detail.id, detail.name);
      if (!before) return;
      if (before.hand !== detail.hand && detail.hand) this.#say('announceHand', { name });
      else if (before.audio !== detail.audio) this.#say(detail.audio ? 'announceUnmuted' : 'announceMuted', { name });
    });
  }

  #name(name: string | undefined): string {
    return name || this.#strings().guest;
  }

  #say(key: Announcement, values: Record<string, string>): void {
    this.say(format(this.#strings()[key], values), TOASTS.includes(key));
  }

  /** Says `text`, and with `toast` shows it too for a few seconds. */
  say(text: string, toast: boolean): void {
    this.text = text;
    if (toast) {
      this.toast = text;
      clearTimeout(this.#toastTimer);
      this.#toastTimer = setTimeout(() => {
        this.toast = '';
        this.#host.requestUpdate();
      }, TOAST_MS);
    }
    this.#host.requestUpdate();
  }
}
