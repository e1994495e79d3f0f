// One member's subscriber connection on Janus (multistream): the other publishers' media it receives, kept in
// step with the room as publishers come and go, one renegotiation at a time. Janus makes each offer; the relay
// passes it to the member with whose media each stream carries, and starts the subscription with the answer.
/// <reference path="./janode.d.ts" />
import type { Session } from 'janode';
import VideoRoom, { type JanusStream, type Publisher, type VideoRoomHandle } from 'janode/plugins/videoroom';
import type { SfuCandidate, SfuOffer, SfuStream, SimulcastLayer } from '../../src/protocol.ts';

/** A member gets this long to answer an offer; then the subscription tries again with the next change. */
const ANSWER_TIMEOUT_MS = 10_000;
/** A feed Janus does not know yet (428: its publisher's connection is not up) is asked for again this often... */
const NO_SUCH_FEED_RETRY_MS = 250;
/** ...this many times. */
const NO_SUCH_FEED_RETRIES = 20;

export interface SubscriptionOptions {
  session: Session;
  janusRoom: number;
  /** Sends an offer to the member. */
  offer(offer: SfuOffer): void;
  /** The camera layer the member wants of each participant (null: none), by member id. */
  layers: ReadonlyMap<string, SimulcastLayer | null>;
  failed(error: unknown): void;
}

/** One stream of one publisher. */
type FeedStream = { feed: number; mid: string };
type Feeds = FeedStream[];
type Update = { jsep?: { type: 'offer' | 'answer'; sdp: string }; streams?: JanusStream[] };

export class Subscription {
  #options: SubscriptionOptions;
  #handle: Promise<VideoRoomHandle>;
  /** The publishers' streams to receive, and those Janus sends now, by `feed mid`. */
  #wanted = new Map<string, FeedStream>();
  #subscribed = new Map<string, FeedStream>();
  /** The subscription's streams as Janus last described them, and what was asked of each camera stream. */
  #streams: JanusStream[] = [];
  #configured = new Map<string, string>();
  /** Janus has the subscription (joined): later changes are updates. */
  #joined = false;
  #answered: ((sdp: string) => void) | null = null;
  /** The offer waiting for the member's answer, to send again to a connection that replaced the one it went to. */
  #waiting: SfuOffer | null = null;
  #work: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(options: SubscriptionOptions) {
    this.#options = options;
    this.#handle = options.session.attach(VideoRoom).then((handle) => {
      // Janus renegotiates on its own when a publisher adds or drops a stream (a screen share).
      handle.on(VideoRoom.EVENT.VIDEOROOM_UPDATED, (update: Update) => {
        if (update.jsep) void this.#serially(() => this.#negotiate(update));
      });
      return handle;
    });
  }

  /**
   * Publishers the member's publisher handle heard of (never its own), new or changed: their streams to receive
   * (Janus does not add a stream a publisher adds later, such as a screen share, to subscriptions by itself).
   */
  add(publishers: Publisher[]): void {
    for (const { feed, streams = [] } of publishers) {
      for (const key of this.#wanted.keys()) if (key.startsWith(`${feed} `)) this.#wanted.delete(key);
      for (const { mid, type, disabled } of streams) {
        if (!disabled && type !== 'data') this.#wanted.set(`${feed} ${mid}`, { feed, mid });
      }
    }
    void this.#serially(() => this.#sync());
  }

  /** A publisher left: Janus takes its streams out of the subscription itself, and makes the offer. */
  remove(feed: number): void {
    for (const map of [this.#wanted, this.#subscribed]) {
      for (const key of map.keys()) if (key.startsWith(`${feed} `)) map.delete(key);
    }
  }

  /** The offer waiting for an answer, if any (the member's connection changed: it went to the old one). */
  get waiting(): SfuOffer | null {
    return this.#waiting;
  }

  /** The member's answer to the offer it was sent; false when no offer waits for one. */
  answer(sdp: string): boolean {
    const answered = this.#answered;
    this.#answered = null;
    this.#waiting = null;
    answered?.(sdp);
    return answered !== null;
  }

  /** Applies the member's choice of camera layers (`layers`), to the streams there are. */
  applyLayers(): void {
    void this.#serially(() => this.#configure());
  }

  async trickle(candidate: SfuCandidate | null): Promise<void> {
    await (await this.#handle).trickle(candidate);
  }

  close(): void {
    this.#closed = true;
    this.#answered = null;
  }

  #serially(task: () => Promise<void>): Promise<void> {
    const run = this.#work
      .then(() => (this.#closed ? undefined : task()))
      .catch((error: unknown) => {
        if (!this.#closed) this.#options.failed(error);
      });
    this.#work = run;
    return run;
  }

  /** Asks Janus for the streams wanted and not yet sent, and to stop those no longer wanted. */
  async #sync(): Promise<void> {
    const subscribe = [...this.#wanted].filter(([key]) => !this.#subscribed.has(key));
    const unsubscribe = [...this.#subscribed].filter(([key]) => !this.#wanted.has(key));
    if (!subscribe.length && !unsubscribe.length) return;
    const update = await this.#update(
      subscribe.map(([, stream]) => stream),
      unsubscribe.map(([, stream]) => stream),
    );
    for (const [key, stream] of subscribe) this.#subscribed.set(key, stream);
    for (const [key] of unsubscribe) this.#subscribed.delete(key);
    if (update.jsep) await this.#negotiate(update);
  }

  async #update(subscribe: Feeds, unsubscribe: Feeds): Promise<Update> {
    const handle = await this.#handle;
    for (let attempt = 1; ; attempt++) {
      try {
        // Janus refuses an empty list (430).
        if (this.#joined) return await handle.update({ ...nonEmpty({ subscribe }), ...nonEmpty({ unsubscribe }) });
        const joined = await handle.joinSubscriber({ room: this.#options.janusRoom, streams: subscribe });
        this.#joined = true;
        return joined;
      } catch (error) {
        if (!isNoSuchFeed(error) || attempt === NO_SUCH_FEED_RETRIES || this.#closed) throw error;
        await new Promise((resolve) => setTimeout(resolve, NO_SUCH_FEED_RETRY_MS));
      }
    }
  }

  /** Sends Janus's offer to the member, and starts the subscription with its answer. */
  async #negotiate({ jsep, streams = [] }: Update): Promise<void> {
    if (!jsep) return;
    const answer = new Promise<string>((resolve, reject) => {
      this.#answered = resolve;
      setTimeout(() => reject(new Error('no answer from the member')), ANSWER_TIMEOUT_MS).unref();
    });
    this.#waiting = { type: 'offer', sdp: jsep.sdp, streams: streams.flatMap(describe) };
    this.#options.offer(this.#waiting);
    const sdp = await answer;
    await (await this.#handle).start({ jsep: { type: 'answer', sdp } });
    this.#streams = streams;
    // A stream Janus added starts on the top layer: the member's choice for its participant applies.
    this.#configured.clear();
    await this.#configure();
  }

  /**
   * Forwards each participant's camera at the layer the member chose (simulcast substream 0–2), or not at
   * all while it does not show them. Audio and screen shares are never touched.
   */
  async #configure(): Promise<void> {
    const changes = [];
    for (const { mid, type, active, feed_display: peer, feed_description } of this.#streams) {
      const layer = peer === undefined ? undefined : this.#options.layers.get(peer);
      if (type !== 'video' || active === false || feed_description === 'screen' || layer === undefined) continue;
      const change = layer === null ? { mid, send: false } : { mid, send: true, substream: layer };
      const key = JSON.stringify(change);
      if (this.#configured.get(mid) === key) continue;
      this.#configured.set(mid, key);
      changes.push(change);
    }
    if (changes.length) await (await this.#handle).configure({ streams: changes });
  }
}

/** What a stream of the subscription carries, and whose it is (a publisher's display is its member id). */
function describe({ mid, type, active, feed_display: peer, feed_description }: JanusStream): SfuStream[] {
  if (active === false || type === 'data' || !peer) return [];
  return [{ mid, peer, kind: type === 'video' && feed_description === 'screen' ? 'screen' : type }];
}

function nonEmpty<K extends string>(list: Record<K, Feeds>): Partial<Record<K, Feeds>> {
  return Object.values<Feeds>(list)[0]!.length ? list : {};
}

function isNoSuchFeed(error: unknown): boolean {
  return (error as { _code?: number })._code === 428;
}
