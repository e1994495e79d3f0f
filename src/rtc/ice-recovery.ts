// Keeps one peer connection through network trouble: an ICE restart when it has stayed `disconnected` for a
// moment, has `failed`, or is still not connected a while after it was made or restarted, a few in a row at most,
// and then it gives up.
/** A connection `disconnected` this long gets an ICE restart; `failed` gets one at once. */
const DISCONNECTED_GRACE_MS = 3000;
/**
 * A connection not connected this long after it was made or restarted gets an ICE restart: when no
 * candidate pair can even be formed (the peers' own addresses unreachable, no TURN server answering), Chromium
 * stays `new` or `connecting` for good and never reports `failed`.
 */
const CONNECT_TIMEOUT_MS = 15_000;
/** ICE restarts tried in a row before giving up on the peer with peer-connection-failed. */
const MAX_RESTARTS = 3;

export class IceRecovery {
  #pc: RTCPeerConnection;
  #giveUp: () => void;
  #everConnected = false;
  #restarts = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  /** `giveUp` runs when the restarts have not brought the connection back. */
  constructor(pc: RTCPeerConnection, giveUp: () => void) {
    this.#pc = pc;
    this.#giveUp = giveUp;
    this.#timer = setTimeout(() => this.#recover(), CONNECT_TIMEOUT_MS);
  }

  /** Connected once and lost since: an ICE restart is under way. */
  get reconnecting(): boolean {
    return this.#everConnected && this.#pc.connectionState !== 'connected';
  }

  /** Restarts ICE (new candidates, same connection), e.g. when the network changed. */
  restart(): void {
    if (this.#stopped) return;
    this.#restarts++;
    this.#pc.restartIce();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#recover(), CONNECT_TIMEOUT_MS);
  }

  /** Follows the connection's state: counts from zero once connected, restarts when it is lost. */
  update(state: RTCPeerConnectionState): void {
    clearTimeout(this.#timer);
    if (state === 'connected') {
      this.#everConnected = true;
      this.#restarts = 0;
    } else if (state === 'new' || state === 'connecting') {
      this.#timer = setTimeout(() => this.#recover(), CONNECT_TIMEOUT_MS);
    } else if (state === 'disconnected') {
      this.#timer = setTimeout(() => this.#recover(), DISCONNECTED_GRACE_MS);
    } else if (state === 'failed') {
      this.#recover();
    }
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #recover(): void {
    if (this.#stopped || this.#pc.connectionState === 'connected') return;
    if (this.#restarts < MAX_RESTARTS) return this.restart();
    this.#giveUp();
  }
}
