// Join tokens as a site owner's backend mints them: they verify with the same secret, carry room, name
// and expiry, and anything tampered with, expired or signed with another secret is rejected.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { mintJoinToken, verifyJoinToken } from '../../server/join-token.ts';

const SECRET = 'secret';
const NOW = Date.UTC(2026, 0, 1);

test('a minted token verifies and carries room, name and expiry', () => {
  const token = mintJoinToken({ room: 'r', name: 'Ada', expiresInSeconds: 60 }, SECRET, NOW);
  assert.match(token, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  assert.deepEqual(verifyJoinToken(token, SECRET, NOW), { room: 'r', name: 'Ada', exp: NOW / 1000 + 60 });
});

test('expired, tampered, foreign and malformed tokens are rejected', () => {
  const token = mintJoinToken({ room: 'r', expiresInSeconds: 60 }, SECRET, NOW);
  assert.equal(verifyJoinToken(token, SECRET, NOW + 60_000), null);
  assert.equal(verifyJoinToken(token, 'other', NOW), null);
  const [body, signature] = token.split('.');
  const forged = Buffer.from(JSON.stringify({ room: 'other', exp: NOW / 1000 + 60 })).toString('base64url');
  assert.equal(verifyJoinToken(`${forged}.${signature}`, SECRET, NOW), null);
  for (const bad of ['', '.', body!, `${body}.`, `${token}.x`, `${body}.${signature}x`, 'a.b']) {
    assert.equal(verifyJoinToken(bad, SECRET, NOW), null, bad);
  }
});

test("a token's name is held to the rule for names: minting refuses a bad one, verifying refuses a forged one", () => {
  assert.throws(() => mintJoinToken({ room: 'r', name: 'a\u0007b' }, SECRET, NOW), /printable/);
  assert.throws(() => mintJoinToken({ room: 'r', name: 'x'.repeat(65) }, SECRET, NOW), /printable/);
  assert.equal(verifyJoinToken(mintJoinToken({ room: 'r', name: '  Ada  ' }, SECRET, NOW), SECRET, NOW)?.name, 'Ada');
  const body = Buffer.from(JSON.stringify({ room: 'r', name: '\u0001Ada', exp: NOW / 1000 + 60 })).toString(
    'base64url',
  );
  const signature = createHmac('sha256', SECRET).update(body).digest('base64url');
  assert.equal(verifyJoinToken(`${body}.${signature}`, SECRET, NOW), null);
});
