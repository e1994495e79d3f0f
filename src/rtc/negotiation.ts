// The pure decisions of perfect negotiation (https://w3c.github.io/webrtc-pc/#perfect-negotiation-example):
// who is polite, and whether an incoming offer collides with our own and must be ignored.

/**
 * Roles come from comparing the two relay-issued ids, so both ends agree without talking and
 * independently of who joined first.
 */
export function isPolite(localId: string, remoteId: string): boolean {
  return localId > remoteId;
}

/**
 * True when an offer arrives while our own offer is outstanding and we are the impolite end, which keeps its
 * offer; the polite end accepts it instead (setRemoteDescription rolls its own offer back).
 *
 * Peer runs its negotiation and the incoming signals one at a time, so the example's `makingOffer` and
 * `isSettingRemoteAnswerPending` flags are never set when this is asked: the signaling state says it all.
 */
export function shouldIgnore(type: RTCSdpType, polite: boolean, signalingState: RTCSignalingState): boolean {
  const collision = type === 'offer' && signalingState !== 'stable';
  return collision && !polite;
}
