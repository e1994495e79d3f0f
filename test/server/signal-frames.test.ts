// A signal's data goes on as its sender wrote it when the frame shows it is exactly the value checked, and is
// stringified from what was parsed otherwise. Whatever the frame (spacing, duplicate or escaped keys, extra keys
// or arguments), the target gets valid JSON with `from` (the sender) and `data` (the value checked), nothing else.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { startRelay } from './helpers.ts';
import { RawClient } from './raw-client.ts';

/** A raw client joined to `room`, and its peer id. */
async function joined(t: TestContext, url: string, room: string): Promise<{ client: RawClient; id: string }> {
  const { client } = await RawClient.connected(t, url);
  client.send(`420["join",{"room":"${room}"}]`);
  for (;;) {
    const frame = await client.next();
    if (frame.startsWith('430')) return { client, id: (JSON.parse(frame.slice(3)) as [{ id: string }])[0].id };
  }
}

/** Frames to send to `to`, each with the data its target must get. */
const frames = (to: string): Array<[string, string, unknown]> => [
  [
    'as socket.io-client writes it',
    `42["signal",{"to":"${to}","data":{"candidate":{"candidate":"a"}}}]`,
    { candidate: { candidate: 'a' } },
  ],
  ['with spaces', `42["signal",{"to":"${to}","data": {"x":1} }]`, { x: 1 }],
  ['with a second data key', `42["signal",{"to":"${to}","data":{"deep":[[[[1]]]]},"data":{"x":2}}]`, { x: 2 }],
  ['with an escaped second data key', `42["signal",{"to":"${to}","data":{"deep":1},"d\\u0061ta":{"x":3}}]`, { x: 3 }],
  ['with a from key', `42["signal",{"to":"${to}","data":{"x":4},"from":"spoof"}]`, { x: 4 }],
  ['with a second argument', `42["signal",{"to":"${to}","data":{"x":5}},{"deep":1}]`, { x: 5 }],
  ['with a second to key', `42["signal",{"to":"${to}","data":{"x":6},"to":"${to}"}]`, { x: 6 }],
  [
    'with data that names the keys',
    `42["signal",{"to":"${to}","data":{"note":"to","data":"x"}}]`,
    { note: 'to', data: 'x' },
  ],
];

test('whatever the frame, the target gets only from and the data checked, as valid JSON', async (t) => {
  const { url } = await startRelay(t);
  const sender = await joined(t, url, 'frames');
  const target = await joined(t, url, 'frames');
  for (const [how, frame, data] of frames(target.id)) {
    sender.client.send(frame);
    let received: string;
    do received = await target.client.next();
    while (!received.startsWith('42["signal"'));
    const [, signal] = JSON.parse(received.slice(2)) as [string, Record<string, unknown>];
    assert.deepEqual(Object.keys(signal), ['from', 'data'], how);
    assert.equal(signal.from, sender.id, how);
    assert.deepEqual(signal.data, data, how);
    assert.ok(!received.includes('deep') && !received.includes('spoof'), `${how}: ${received}`);
  }
});
