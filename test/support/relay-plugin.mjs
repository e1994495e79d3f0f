// A @web/test-runner plugin that runs the built relay on loopback ports for the browser tests, and the
// server commands they use to reach it:
// - relay-url, relay-stop, relay-start (same port), relay-drop-connections (kill every WebSocket, as a
//   network blip would, while the relay keeps running);
// - protected-relay: a second relay with ROOM_PASSWORD and JOIN_SECRET ({ url, password }), and
//   mint-join-token ({ room, name? }) for it;
// - scale-out-relays: two more relays sharing a redis-server of their own ([url, url]), started on first use so
//   that only the test file that asks pays for them; scale-out-sfu-relays: the same, with sfu-relay's Janus,
//   which scale-out-janus-stop kills;
// - heartbeat-relay: a relay that pings every 250 ms (url), started on first use;
// - two-seat-relay: a relay whose rooms hold two people (url), started on first use;
// - turn-relay: a relay that hands out TURN credentials (for an unreachable TURN URL) lasting 2 s, so that
//   widgets ask for fresh ones every 1.6 s ({ url, secret }), started on first use;
// - sfu-relay: a relay whose rooms move onto a Janus of its own (deploy/janus/) from 3 participants (url),
//   started on first use; shrinking-relay: a relay on the same Janus that moves rooms of 4 onto it, and back
//   once down to 2 for a second; failover-relay: another relay and Janus, whose Janus failover-janus-stop kills;
//   two-node-relay: a relay on two Janus nodes that takes 2 at most in a mesh, whose first node
//   two-node-janus-stop kills.
import { buildRelay } from '../../dist/relay/app.js';
import { mintJoinToken } from '../../dist/relay/join-token.js';
import { startJanus } from './janus-server.mjs';
import { startRedis } from './redis-server.mjs';

const PASSWORD = 'letmein';
const JOIN_SECRET = 'browser-test-join-secret';
const TURN_SECRET = 'browser-test-turn-secret';

/** One relay on a fixed loopback port once started, so that it can be stopped and started again. */
function managedRelay(options) {
  let relay = null;
  let port = 0;
  /** The relay's open WebSockets (ws does not track them for it). */
  const sockets = new Set();
  return {
    async start() {
      if (relay) return;
      relay = buildRelay(options);
      await relay.listen({ port, host: '127.0.0.1' });
      port = relay.server.address().port;
      relay.websocketServer.on('connection', (socket) => {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
      });
    },
    async stop() {
      await relay?.close();
      relay = null;
    },
    dropConnections() {
      for (const socket of sockets) socket.terminate();
    },
    url: () => `http://127.0.0.1:${port}/`,
  };
}

/**
 * A Janus and a relay that moves rooms of 3 onto it; with `shrinking`, another relay on the same Janus that
 * moves rooms of 4 onto it and back once down to 2 for a second.
 */
async function startSfu() {
  const janus = await startJanus();
  const sfu = { urls: [janus.url], threshold: 3, maxPeers: 50, backAfterMs: 30_000 };
  const relay = managedRelay({ sfu });
  const shrinking = managedRelay({ sfu: { ...sfu, threshold: 4, backAfterMs: 1000 } });
  await relay.start();
  await shrinking.start();
  return {
    janus,
    url: () => relay.url(),
    shrinkingUrl: () => shrinking.url(),
    async stop() {
      await relay.stop();
      await shrinking.stop();
      await janus.remove();
    },
  };
}

/** Two Janus nodes, and a relay that moves rooms of 3 onto them and takes no more than 2 in a mesh. */
async function startTwoNodes() {
  const nodes = [await startJanus(), await startJanus()];
  const sfu = { urls: nodes.map((node) => node.url), threshold: 3, maxPeers: 50, backAfterMs: 30_000 };
  const relay = managedRelay({ sfu, maxPeersPerRoom: 2 });
  await relay.start();
  return {
    nodes,
    url: () => relay.url(),
    async stop() {
      await relay.stop();
      for (const node of nodes) await node.remove();
    },
  };
}

/** A redis-server and two relays on it (with `options` of their own). */
async function startScaleOut(options = {}) {
  const redis = await startRedis();
  options = { redisUrl: redis.url, redisKeyPrefix: 'browser-tests:', ...options };
  const relays = [managedRelay(options), managedRelay(options)];
  for (const relay of relays) await relay.start();
  return {
    urls: () => relays.map((relay) => relay.url()),
    async stop() {
      for (const relay of relays) await relay.stop();
      await redis.stop();
    },
  };
}

export function relayPlugin() {
  const open = managedRelay({});
  const guarded = managedRelay({ roomPassword: PASSWORD, joinSecret: JOIN_SECRET });
  let scaleOut = null;
  let sfu = null;
  let failover = null;
  let scaleOutSfu = null;
  let twoNodes = null;
  const heartbeat = managedRelay({ pingIntervalMs: 250, pingTimeoutMs: 2_000 });
  const twoSeats = managedRelay({ maxPeersPerRoom: 2 });
  // Below TURN_TTL_S's minimum of 60 s, which only the environment and flags enforce.
  const turn = managedRelay({ turn: { urls: ['turn:127.0.0.1:9'], secret: TURN_SECRET, ttlSeconds: 2 } });

  return {
    name: 'relay',
    async serverStart() {
      await open.start();
      await guarded.start();
    },
    async serverStop() {
      await open.stop();
      await guarded.stop();
      await (await scaleOut)?.stop();
      await (await scaleOutSfu)?.stop();
      await (await twoNodes)?.stop();
      await (await sfu)?.stop();
      await (await failover)?.stop();
      await heartbeat.stop();
      await twoSeats.stop();
      await turn.stop();
    },
    async executeCommand({ command, payload }) {
      switch (command) {
        case 'relay-url':
          return open.url();
        case 'relay-stop':
          await open.stop();
          return open.url();
        case 'relay-start':
          await open.start();
          return open.url();
        case 'relay-drop-connections':
          open.dropConnections();
          return open.url();
        case 'protected-relay':
          return { url: guarded.url(), password: PASSWORD };
        case 'mint-join-token':
          return mintJoinToken(payload, JOIN_SECRET);
        case 'scale-out-relays':
          scaleOut ??= startScaleOut();
          return (await scaleOut).urls();
        case 'sfu-relay':
          sfu ??= startSfu();
          return (await sfu).url();
        case 'shrinking-relay':
          sfu ??= startSfu();
          return (await sfu).shrinkingUrl();
        case 'failover-relay':
          failover ??= startSfu();
          return (await failover).url();
        case 'failover-janus-stop':
          await (await failover).janus.stop();
          return (await failover).url();
        case 'two-node-relay':
          twoNodes ??= startTwoNodes();
          return (await twoNodes).url();
        case 'two-node-janus-stop':
          // The node the first room went to: the one with the fewest rooms, the first of equals.
          await (await twoNodes).nodes[0].stop();
          return (await twoNodes).url();
        case 'scale-out-janus-stop':
          // sfu-relay's Janus, which the scale-out relays share (no test that uses it may come after).
          await (await sfu).janus.stop();
          return (await sfu).url();
        case 'scale-out-sfu-relays':
          scaleOutSfu ??= (async () => {
            const { janus } = await (sfu ??= startSfu());
            return startScaleOut({ sfu: { urls: [janus.url], threshold: 3, maxPeers: 50, backAfterMs: 30_000 } });
          })();
          return (await scaleOutSfu).urls();
        case 'heartbeat-relay':
          await heartbeat.start();
          return heartbeat.url();
        case 'two-seat-relay':
          await twoSeats.start();
          return twoSeats.url();
        case 'turn-relay':
          await turn.start();
          return { url: turn.url(), secret: TURN_SECRET };
        default:
          return undefined;
      }
    },
  };
}
