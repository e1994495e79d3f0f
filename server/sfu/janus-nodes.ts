// The Janus nodes the relay drives (SFU_URL): one janode connection to each, opened when first needed and again
// after it dropped, and where each SFU room lives: recorded in the room store, so that every relay sends a
// room's members to the same node (the first relay to place it picks the node with the fewest of its rooms),
// in a VideoRoom of its own, created by whichever relay needs it first and destroyed when the room no longer
// uses it. A node whose connection drops (or cannot be opened) is down for a while: its rooms are reported
// lost, and new rooms go elsewhere.
/// <reference path="./janode.d.ts" />
import { randomInt } from 'node:crypto';
import Janode, { type Connection, type Session } from 'janode';
import VideoRoom from 'janode/plugins/videoroom';
import type { RoomStore, SfuPlacement } from '../room-store.ts';

// Failures reach the relay's own log through the errors they throw.
Janode.Logger.setLevel('none');

/** Janus's cap on what each publisher sends (bits/s): room for three simulcast layers of a 720p camera. */
const PUBLISHER_BITRATE = 2_500_000;
/** Janus's answer to creating a VideoRoom that exists. */
const ROOM_EXISTS = 427;
/** A node that failed is not tried for new rooms for this long (unless every node failed). */
const DOWN_MS = 30_000;

/** A placement, and its VideoRoom's creation by this relay (another relay may have created it already). */
interface Placement extends SfuPlacement {
  created: Promise<void> | null;
}

export class JanusNodes {
  #urls: string[];
  #maxPeers: number;
  #store: RoomStore;
  #lost: (room: string, mine: boolean) => void;
  #connections = new Map<string, Promise<Connection>>();
  #placements = new Map<string, Placement>();
  /** Failed nodes, and until when they are left alone. */
  #down = new Map<string, number>();

  /** `lost` hears of each room whose node went away, and whether this relay is the one to move it. */
  constructor(urls: string[], maxPeers: number, store: RoomStore, lost: (room: string, mine: boolean) => void) {
    this.#urls = urls;
    this.#maxPeers = maxPeers;
    this.#store = store;
    this.#lost = lost;
  }

  /** Some node is not known to be down. */
  get available(): boolean {
    return this.#urls.some((url) => !this.#isDown(url));
  }

  /** A new Janus session on the node of `room` (placing the room first), with its VideoRoom created. */
  async session(room: string): Promise<{ session: Session; janusRoom: number }> {
    const placed = await this.#place(room);
    let session: Session;
    try {
      session = await (await this.#connect(placed.url)).create();
    } catch (error) {
      this.#fail(placed.url);
      throw error;
    }
    placed.created ??= this.#createRoom(session, placed.janusRoom).catch((error: unknown) => {
      placed.created = null;
      throw error;
    });
    try {
      await placed.created;
    } catch (error) {
      await session.destroy().catch(() => {});
      throw error;
    }
    return { session, janusRoom: placed.janusRoom };
  }

  /** The room no longer uses the SFU (it ended, or went back to the mesh): its VideoRoom goes. */
  async release(room: string): Promise<void> {
    const placed = this.#placements.get(room);
    if (!placed) return;
    this.#placements.delete(room);
    try {
      const session = await (await this.#connect(placed.url)).create();
      const handle = await session.attach(VideoRoom);
      await handle.destroy({ room: placed.janusRoom }).catch(() => {});
      await session.destroy();
    } catch {
      // A node that is gone took its rooms with it.
    }
    await this.#store.unplace(room, placed).catch(() => {});
  }

  async close(): Promise<void> {
    const connections = [...this.#connections.values()];
    this.#connections.clear();
    this.#placements.clear();
    await Promise.allSettled(connections.map(async (connection) => (await connection).close()));
  }

  /** Where the room is, as the store records it: placed now, on the node with the fewest rooms here, if nowhere. */
  async #place(room: string): Promise<Placement> {
    const load = (url: string) => [...this.#placements.values()].filter((placement) => placement.url === url).length;
    const up = this.#urls.filter((url) => !this.#isDown(url));
    const url = (up.length ? up : this.#urls).reduce((best, url) => (load(url) < load(best) ? url : best));
    const recorded = await this.#store.place(room, { url, janusRoom: randomInt(1, 2 ** 47) });
    const known = this.#placements.get(room);
    if (known?.url === recorded.url && known.janusRoom === recorded.janusRoom) return known;
    const placed = { url: recorded.url, janusRoom: recorded.janusRoom, created: null };
    this.#placements.set(room, placed);
    return placed;
  }

  async #createRoom(session: Session, janusRoom: number): Promise<void> {
    const handle = await session.attach(VideoRoom);
    try {
      await handle.create({
        room: janusRoom,
        max_publishers: this.#maxPeers,
        permanent: false,
        bitrate: PUBLISHER_BITRATE,
        audiocodec: 'opus',
        videocodec: 'vp8',
        notify_joining: false,
      });
    } catch (error) {
      // Another relay created it first.
      if ((error as { _code?: number })._code !== ROOM_EXISTS) throw error;
    } finally {
      await handle.detach().catch(() => {});
    }
  }

  #connect(url: string): Promise<Connection> {
    let connection = this.#connections.get(url);
    if (connection) return connection;
    connection = Janode.connect({ address: { url }, retry_time_secs: 1, max_retries: 1 });
    this.#connections.set(url, connection);
    connection.then(
      (open) => {
        this.#down.delete(url);
        const closed = () => this.#connections.get(url) === connection && this.#fail(url);
        open.once(Janode.EVENT.CONNECTION_CLOSED, closed);
        open.once(Janode.EVENT.CONNECTION_ERROR, closed);
      },
      () => {},
    );
    return connection;
  }

  /** The node went away, or cannot be reached: it is down for a while, and its rooms are lost. */
  #fail(url: string): void {
    this.#connections.delete(url);
    this.#down.set(url, Date.now() + DOWN_MS);
    const lost = [...this.#placements].filter(([, placed]) => placed.url === url);
    for (const [room, placed] of lost) {
      this.#placements.delete(room);
      // Each room is moved by the one relay that takes its placement back.
      void this.#store.unplace(room, placed).then(
        (mine) => this.#lost(room, mine),
        () => this.#lost(room, false),
      );
    }
  }

  #isDown(url: string): boolean {
    return (this.#down.get(url) ?? 0) > Date.now();
  }
}
