// Stands in for unix-dgram (see package.json): janode imports it at start for a transport the relay never
// uses. Asking for a Unix datagram socket says so.
exports.createSocket = () => {
  throw new Error('Unix datagram sockets are not available: reach Janus over ws:// or wss:// (SFU_URL)');
};
