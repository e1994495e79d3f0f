// A hostile participant simulated in the test page: the state messages its data channel sends claim another
// name than its own (as a modified client could), while everything else goes out unchanged.

/** Rewrites outgoing data-channel state messages whose name is a key of `forged`; returns the undo. */
export function forgeStateNames(forged: Record<string, string>): () => void {
  const prototype = RTCDataChannel.prototype;
  const send = prototype.send as (this: RTCDataChannel, data: unknown) => void;
  prototype.send = function (this: RTCDataChannel, data: unknown) {
    const message = typeof data === 'string' ? (JSON.parse(data) as { type?: string; name?: string }) : null;
    if (message?.type === 'state' && message.name !== undefined && Object.hasOwn(forged, message.name)) {
      data = JSON.stringify({ ...message, name: forged[message.name] });
    }
    send.call(this, data);
  } as RTCDataChannel['send'];
  return () => {
    prototype.send = send as RTCDataChannel['send'];
  };
}
