// Keeps one peer connection through network trouble: an ICE restart when it has stayed `disconnected` for a
// moment, has `failed`, or is still not connected a while after it was made or restarted, a few in a row at most,
// and then it gives up. A restart offer that never got an answer is made again, uncounted.
/** A connection `disconnected` this long gets an ICE restart; `failed` gets one at once. */
const DISCONNECTED_GRACE_MS = 3000;
/**
 * A connection not connected this long after it was made or restarted gets an ICE restart: when no
 * candidate pair can even be formed (the peers' own addresses unreachable, no TURN server answering), Chromium
 * stays `new` or `connecting` for good and never reports `failed`.
 */
const CONNECT_TIMEOUT_MS = 15_000;
/** ICE restarts tried in a row (each one answered, and still not connected) before giving up with peer-connection-failed. */
const MAX_RESTARTS = 3;

export class IceRecovery {
  #pc: RTCPeerConnection;
  #giveUp: () => void;
  #serially: (task: () => Promise<void>) => void;
  #everConnected = false;
  #restarts = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  /**
   * `giveUp` runs when the restarts have not brought the connection back; `serially` runs a task in turn with the
   * peer's negotiation and incoming signals, so that an offer taken back cannot cross its answer.
   */
  constructor(pc: RTCPeerConnection, giveUp: () => void, serially: (task: () => Promise<void>) => void) {
    this.#pc = pc;
    this.#giveUp = giveUp;
    this.#serially = serially;
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
    this.#restartIce();
  }

  /** Follows the connection's state: counts from zero once connected, restarts when it is lost. */
  update(state: RTCPeerConnectionState): void {
    clearTimeout(this.#timer);
    if (state === 'connected') {
      this.#everConnected = true;
      this.#restarts = 0;
      // Connected again by the browser itself (it follows a new address on its own), while our restart offer is
      // still unanswered: that offer would block every later negotiation, so it is still watched.
      if (this.#pc.signalingState === 'have-local-offer') this.#watch();
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
    if (this.#stopped) return;
    if (this.#pc.signalingState === 'have-local-offer') return this.#offerAgain();
    if (this.#pc.connectionState === 'connected') return;
    if (this.#restarts < MAX_RESTARTS) return this.restart();
    this.#giveUp();
  }

  /**
   * Our last offer got no answer. When our address changed, the relay connection is dead until socket.io-client
   * notices (up to its ping timeout, 45 s), and what we sent over it meanwhile is lost; the other side's restart
   * offer, sent at the same moment, reaches us once the connection is back, and the impolite end ignores it,
   * waiting for an answer to its own: neither end would ever answer, even once the browser has reconnected
   * the old session by itself. So the offer is taken back and made again; it is not counted, as it never
   * tested the network's paths.
   */
  #offerAgain(): void {
    this.#serially(async () => {
      if (this.#stopped) return;
      if (this.#pc.signalingState !== 'have-local-offer') return this.#watch(); // answered meanwhile
      await this.#pc.setLocalDescription({ type: 'rollback' });
      this.#restartIce();
    });
  }

  /** An ICE restart (negotiationneeded makes its offer), and a check that it connected, later. */
  #restartIce(): void {
    this.#pc.restartIce();
    this.#watch();
  }

  #watch(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#recover(), CONNECT_TIMEOUT_MS);
  }
}
