// A call's part in a room with hosts (DESIGN.md §7): our role and host key, whether the room is locked or has a
// lobby, who knocks (hosts hear it), whether a host is there while we wait in the lobby; and the host requests.
// The relay checks every request: nothing here decides what a role may do, the UI only hides what it may not.
import type { HostActionMessage, HostRequest, JoinAccepted, KnockMessage, Role } from '../protocol.ts';
import { Emitter } from './emitter.ts';
import { RtcError } from './errors.ts';
import type { SignalingClient } from './signaling.ts';

export interface ModerationEvents {
  /** Someone knocks (hosts only). */
  knock: KnockMessage;
  /** That knock was answered (by any host), withdrawn or timed out. */
  'knock-ended': { id: string };
  /** A host removed someone, asked for mute, locked or unlocked the room, or turned its lobby on or off. */
  'host-action': HostActionMessage;
  change: void;
}

export class Moderation extends Emitter<ModerationEvents> {
  role: Role = 'guest';
  /** The key that makes whoever joins with it a host ('' unless we hold one: we created the open room, or joined with it). */
  hostKey = '';
  locked = false;
  lobby = false;
  /** While we wait in the lobby: whether a host is in the room to let us in. */
  hostPresent = false;
  #knocks = new Map<string, KnockMessage>();
  /** The host key we join with (a host invitation's). */
  #joinKey: string;

  constructor(joinKey = '') {
    super();
    this.#joinKey = joinKey;
  }

  /** The people waiting in the lobby, oldest first (hosts only). */
  get knocks(): KnockMessage[] {
    return [...this.#knocks.values()];
  }

  /** Follows the relay connection (closing it drops these listeners). */
  follow(signaling: SignalingClient): void {
    signaling.on('waiting', ({ host }) => {
      this.hostPresent = host;
      this.emit('change', undefined);
    });
    signaling.on('joined', (ack) => this.#joined(ack));
    signaling.on('knock', (knock) => {
      this.#knocks.set(knock.id, knock);
      this.emit('knock', knock);
      this.emit('change', undefined);
    });
    signaling.on('knock-ended', ({ id }) => {
      if (!this.#knocks.delete(id)) return;
      this.emit('knock-ended', { id });
      this.emit('change', undefined);
    });
    signaling.on('host-action', (action) => {
      if (action.action === 'lock') this.locked = action.locked;
      if (action.action === 'lobby') this.lobby = action.enabled;
      this.emit('host-action', action);
      this.emit('change', undefined);
    });
  }

  /**
   * Asks the relay for a host action; rejects with the relay's code (`forbidden` for a guest, `unknown-peer`),
   * `not-joined` outside a call, `relay-unreachable` when no answer came.
   */
  async request(signaling: SignalingClient | null, joined: boolean, request: HostRequest): Promise<void> {
    const answer = joined && signaling ? await signaling.ask('host', request) : null;
    if (answer?.ok) return;
    if (answer) throw new RtcError(answer.code, answer.message);
    throw joined
      ? new RtcError('relay-unreachable', 'The call server did not answer.')
      : new RtcError('not-joined', 'Not in a call.');
  }

  /** Our membership ended: nothing of the room is ours any more. */
  reset(): void {
    this.role = 'guest';
    this.hostKey = '';
    this.locked = this.lobby = this.hostPresent = false;
    this.#knocks.clear();
  }

  #joined({ role, hostKey, locked, lobby, knocks, resumed }: JoinAccepted): void {
    this.role = role ?? 'guest';
    // The creator's key comes once; after a resume, or for a host who joined with the key, it is the one held.
    this.hostKey = hostKey ?? (role ? (resumed && this.hostKey) || this.#joinKey : '');
    // A resume replays what we missed (host actions, knocks): what we knew stands.
    if (resumed) return;
    this.locked = !!locked;
    this.lobby = !!lobby;
    this.#knocks = new Map(knocks?.map((knock) => [knock.id, knock]));
  }
}
