// Bridges an rtc Call into its host element: joins when the host is connected with a room (and again when
// the room, relay or password changes), leaves when it is removed, re-renders on every change, and re-fires
// the call's events as vc-* DOM events.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Call, type CallOptions, type CallState, type Participant } from '../../rtc/call.ts';
import { Subscriptions } from '../../rtc/emitter.ts';
import type { ErrorCode, RtcError } from '../../rtc/errors.ts';
import { emit } from '../events.ts';

/** Errors that mean the relay connection is down for a while: the reconnecting state says so. */
const RELAY_OUTAGES: readonly ErrorCode[] = ['relay-unreachable', 'server-shutting-down'];

export interface CallHost extends ReactiveControllerHost, HTMLElement {
  /** The call to make now, or null when there is nothing to join (no room). */
  callOptions(): CallOptions | null;
}

export class CallController implements ReactiveController {
  #host: CallHost;
  #call: Call | null = null;
  /** The room, relay, password and token of the current call: changing one of them joins again. */
  #callKey: string | null = null;
  #subscriptions = new Subscriptions();
  #notice: RtcError | null = null;
  #pendingLeave = false;

  constructor(host: CallHost) {
    this.#host = host;
    host.addController(this);
  }

  get state(): CallState {
    return this.#call?.state ?? 'idle';
  }

  get error(): RtcError | null {
    return this.#call?.error ?? null;
  }

  /** The last problem that did not stop the call (a missing camera, a failed peer), until dismissed. */
  get notice(): RtcError | null {
    return this.#notice;
  }

  dismissNotice(): void {
    this.#notice = null;
    this.#host.requestUpdate();
  }

  get participants(): Participant[] {
    return this.#call?.participants ?? [];
  }

  get localStream(): MediaStream | null {
    return this.#call?.localStream ?? null;
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.#onPageHide);
    // Moving the element in the page disconnects and reconnects it at once: that is not a reason to leave.
    if (this.#pendingLeave) this.#pendingLeave = false;
    else void this.join();
  }

  /**
   * Closing the tab drops the connection without a goodbye, which the relay would hold open for a resume:
   * leaving says goodbye, so the others see the tile go at once.
   */
  #onPageHide = (): void => this.leave();

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.#onPageHide);
    this.#pendingLeave = true;
    queueMicrotask(() => {
      if (!this.#pendingLeave) return;
      this.#pendingLeave = false;
      this.leave();
    });
  }

  hostUpdate(): void {
    const options = this.#host.callOptions();
    if (this.#host.isConnected && options && keyOf(options) !== this.#callKey) void this.join();
  }

  /** Joins with the host's current settings, leaving any call in progress first. */
  async join(): Promise<void> {
    const options = this.#host.callOptions();
    if (!options) return;
    this.#release();
    this.#callKey = keyOf(options);
    this.#notice = null;
    const call = (this.#call = new Call(options));
    const host = this.#host;
    this.#subscriptions.add(
      call.on('state-change', (detail) => {
        host.requestUpdate();
        emit(host, 'vc-state-change', detail);
      }),
      call.on('joined', (detail) => emit(host, 'vc-joined', detail)),
      call.on('left', () => emit(host, 'vc-left', {})),
      call.on('peer-joined', (detail) => emit(host, 'vc-peer-joined', detail)),
      call.on('peer-left', (detail) => emit(host, 'vc-peer-left', detail)),
      call.on('change', () => host.requestUpdate()),
      call.on('error', (error) => {
        const { code, message, peerId } = error;
        // A fatal error has already put the call in the error state, and a lost relay in the reconnecting
        // state: those states show them. Other problems stay in a notice until dismissed.
        if (call.state !== 'error' && !RELAY_OUTAGES.includes(code)) this.#notice = error;
        host.requestUpdate();
        emit(host, 'vc-error', peerId ? { code, message, peerId } : { code, message });
      }),
    );
    await call.join();
  }

  leave(): void {
    this.#call?.leave();
  }

  #release(): void {
    this.#callKey = null;
    this.#call?.leave();
    this.#subscriptions.drain();
    this.#call = null;
  }
}

function keyOf({ server, room, password, token }: CallOptions): string {
  return JSON.stringify([server, room, password, token]);
}
