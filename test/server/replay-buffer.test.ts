// A member's kept events (replay-buffer.ts): frames come back as they were written, oldest first, across the
// buffers they grow into; the bytes counted follow what is kept; a frame already handed out never changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReplayBuffer } from '../../server/replay-buffer.ts';
import { mulberry32 } from './fuzz-random.ts';

const frame = (n: number, size = 60) => `42["signal",{"n":${n},"p":"${'é'.repeat(size)}"}]`;

test('frames come back as written, the newest ones on request, across growing buffers', () => {
  const kept = new ReplayBuffer();
  const sent = Array.from({ length: 200 }, (_, n) => kept.push(frame(n), n));
  assert.equal(kept.length, 200);
  assert.deepEqual(
    kept.newest(3).map((bytes) => bytes.toString()),
    [frame(197), frame(198), frame(199)],
  );
  assert.equal(sent[5]!.toString(), frame(5));
  assert.equal(kept.newest(0).length, 0);
});

test('shift forgets the oldest, and the bytes counted go down with it', () => {
  const kept = new ReplayBuffer();
  kept.push(frame(1), 10);
  kept.push(frame(2), 20);
  const both = kept.bytes;
  assert.equal(kept.oldestTime, 10);
  kept.shift();
  assert.equal(kept.oldestTime, 20);
  assert.ok(kept.bytes < both && kept.bytes > Buffer.byteLength(frame(2)));
  kept.shift();
  assert.deepEqual([kept.length, kept.bytes, kept.oldestTime], [0, 0, Infinity]);
});

test('a frame handed out never changes, whatever is kept or forgotten after it (a socket may still be sending it)', () => {
  const kept = new ReplayBuffer();
  kept.push(frame(0), 0); // a new list's first event is kept as its text: the ones after are written to buffers
  const first = kept.push(frame(1, 5_000), 1);
  const copy = Buffer.from(first);
  for (let n = 2; n < 100; n++) {
    kept.push(frame(n, 5_000), n);
    kept.shift();
  }
  assert.deepEqual(first, copy);
});

test('against a plain list: thousands of pushes and shifts of every size keep order and bytes', () => {
  const random = mulberry32(19);
  const kept = new ReplayBuffer();
  const model: string[] = [];
  const contents = () => kept.newest(kept.length).map((bytes) => bytes.toString());
  for (let step = 0; step < 20_000; step++) {
    // Phases that mostly keep and phases that mostly forget: buffers fill, grow, and are let go.
    if (model.length > 0 && random() < (step % 2_000 < 1_000 ? 0.35 : 0.7)) {
      kept.shift();
      model.shift();
    } else {
      const text = frame(step, Math.floor(random() ** 3 * 3_000));
      assert.equal(kept.push(text, step).toString(), text);
      model.push(text);
    }
    if (step % 25 === 0) assert.deepEqual(contents(), model);
  }
  const bytes = model.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  assert.equal(kept.bytes, bytes + 32 * model.length);
  assert.deepEqual(contents(), model);
});
