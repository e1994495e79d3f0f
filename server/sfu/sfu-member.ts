// One member's media on the SFU, in a Janus session of its own: its publisher (what it sends; through it, Janus
// also tells of the room's other publishers) and its subscription (what it receives from them). It lives as
// long as the membership, across a dropped relay connection and its resume, and ends when the member leaves.
/// <reference path="./janode.d.ts" />
import type { Handle, Session } from 'janode';
import VideoRoom, { type Publisher, type VideoRoomHandle } from 'janode/plugins/videoroom';
import type { SfuCandidate, SfuOffer, SimulcastLayer } from '../../src/protocol.ts';
import type { JanusNodes } from './janus-nodes.ts';
import { Subscription } from './subscription.ts';

/** Layer choices kept per member: more than the participants an SFU room holds. */
const LAYER_CHOICES_LIMIT = 256;

export interface SfuMemberOptions {
  id: string;
  room: string;
  nodes: JanusNodes;
  failed(error: unknown): void;
}

export class SfuMember {
  /** Where offers for the member go: its current relay connection. */
  offers: (offer: SfuOffer) => void = () => {};
  #options: SfuMemberOptions;
  #opened: Promise<{ session: Session; janusRoom: number }> | null = null;
  #publisher: VideoRoomHandle | null = null;
  #subscription: Subscription | null = null;
  /** The camera layer the member wants of each participant. */
  #layers = new Map<string, SimulcastLayer | null>();
  /** Candidates that came before the handle they are for. */
  #early: Array<{ target: 'publisher' | 'subscriber'; candidate: SfuCandidate | null }> = [];
  /** Publishes, one after the other. */
  #publishing: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(options: SfuMemberOptions) {
    this.#options = options;
  }

  /** Publishes the member's media (or changes what it publishes): Janus's answer to its offer. */
  publish(sdp: string, screen?: string): Promise<string> {
    const published = this.#publishing.then(() => this.#publish(sdp, screen));
    this.#publishing = published.catch(() => {});
    return published;
  }

  async #publish(sdp: string, screen?: string): Promise<string> {
    const descriptions = screen === undefined ? undefined : [{ mid: screen, description: 'screen' }];
    const jsep = { type: 'offer' as const, sdp };
    if (this.#publisher) return answerOf(await this.#publisher.configure({ descriptions, jsep }));

    const { session, janusRoom } = await (this.#opened ??= this.#options.nodes.session(this.#options.room));
    const handle = await session.attach(VideoRoom);
    const subscription = new Subscription({
      session,
      janusRoom,
      offer: (offer) => this.offers(offer),
      layers: this.#layers,
      failed: (error) => this.#options.failed(error),
    });
    const { PUB_LIST, UNPUBLISHED, LEAVING } = events;
    handle.on(PUB_LIST, ({ publishers }: { publishers: Publisher[] }) => subscription.add(publishers));
    handle.on(UNPUBLISHED, ({ feed }: { feed: number }) => subscription.remove(feed));
    handle.on(LEAVING, ({ feed }: { feed: number }) => subscription.remove(feed));
    const joined = await handle.joinConfigurePublisher({
      room: janusRoom,
      display: this.#options.id,
      descriptions,
      jsep,
    });
    if (this.#closed) throw new Error('left the room');
    this.#publisher = handle;
    this.#subscription = subscription;
    for (const { target, candidate } of this.#early.splice(0)) void this.trickle(target, candidate);
    subscription.add(joined.publishers);
    return answerOf(joined);
  }

  /** The member came back on another connection: offers go there now, the one waiting for an answer too. */
  reattach(offers: (offer: SfuOffer) => void): void {
    this.offers = offers;
    const waiting = this.#subscription?.waiting;
    if (waiting) offers(waiting);
  }

  /** The member's answer to the subscription's offer; false when none was waiting. */
  answer(sdp: string): boolean {
    return this.#subscription?.answer(sdp) ?? false;
  }

  /** Which layer of a participant's camera the member receives; null: none (it does not show them). */
  layer(peer: string, layer: SimulcastLayer | null): void {
    // Bounded whatever ids a client makes up: the oldest choices go first.
    this.#layers.delete(peer);
    if (this.#layers.size >= LAYER_CHOICES_LIMIT) this.#layers.delete(this.#layers.keys().next().value!);
    this.#layers.set(peer, layer);
    this.#subscription?.applyLayers();
  }

  async trickle(target: 'publisher' | 'subscriber', candidate: SfuCandidate | null): Promise<void> {
    const handle: Handle | Subscription | null = target === 'publisher' ? this.#publisher : this.#subscription;
    if (!handle) return void this.#early.push({ target, candidate });
    await handle.trickle(candidate).catch((error: unknown) => this.#options.failed(error));
  }

  /** Ends the session: Janus drops the member's connections, and tells the others' handles it left. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#subscription?.close();
    const opened = this.#opened;
    this.#opened = null;
    if (opened) await opened.then(({ session }) => session.destroy()).catch(() => {});
  }
}

const events = {
  PUB_LIST: VideoRoom.EVENT.VIDEOROOM_PUB_LIST,
  UNPUBLISHED: VideoRoom.EVENT.VIDEOROOM_UNPUBLISHED,
  LEAVING: VideoRoom.EVENT.VIDEOROOM_LEAVING,
};

function answerOf({ jsep }: { jsep?: { sdp: string } }): string {
  if (!jsep) throw new Error('Janus did not answer the offer');
  return jsep.sdp;
}
