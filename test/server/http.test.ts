// The relay's plain HTTP side: refused Engine.IO handshakes (400 with Engine.IO's JSON error codes),
// /healthz, the widget bundle with CORS (compressed, with cache headers), the demo, and nothing else of dist/
// being public.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { buildRelay } from '../../server/app.ts';
import { WIDGET_DIR } from '../../server/paths.ts';
import { refusedUpgrade, startRelay } from './helpers.ts';

const relay = buildRelay();
test.after(() => relay.close());

/** Skips a test, saying why, when the build it checks has not run. */
function skippedUnbuilt(t: TestContext, file: string): boolean {
  if (existsSync(join(WIDGET_DIR, file))) return false;
  t.skip(`dist/${file} is missing: run "npm run build" first`);
  return true;
}

/** One chunk of the widget's build (any: they are all served alike). */
function aChunk(): string {
  return readdirSync(join(WIDGET_DIR, 'chunks')).find((file) => file.endsWith('.js'))!;
}

test('an HTTP long-polling handshake gets 400 with "Transport unknown" (code 0)', async () => {
  const response = await relay.inject('/socket.io/?EIO=4&transport=polling');
  assert.equal(response.statusCode, 400);
  assert.match(response.headers['content-type'] as string, /^application\/json/);
  assert.equal(response.json().code, 0);
  assert.equal(typeof response.json().message, 'string');
});

test('Engine.IO v3 gets 400 with "Unsupported protocol version" (code 5)', async () => {
  for (const query of ['EIO=3&transport=websocket', 'transport=websocket']) {
    const response = await relay.inject(`/socket.io/?${query}`);
    assert.equal(response.statusCode, 400, query);
    assert.equal(response.json().code, 5, query);
  }
});

test('a plain GET of the WebSocket endpoint, without an upgrade, gets 400 (code 3)', async () => {
  const response = await relay.inject('/socket.io/?EIO=4&transport=websocket');
  assert.equal(response.statusCode, 400);
  assert.equal(response.json().code, 3);
});

test('a POST to /socket.io/ (long-polling data, sent as text/plain) gets 400', async () => {
  const response = await relay.inject({
    method: 'POST',
    url: '/socket.io/?EIO=4&transport=polling&sid=x',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    payload: '1:6',
  });
  assert.equal(response.statusCode, 400);
  assert.equal(response.json().code, 0);
});

test('a POST with any other body type also gets 400, not a content-type error', async () => {
  for (const headers of [{}, { 'content-type': 'application/octet-stream' }, { 'content-type': 'application/json' }]) {
    const response = await relay.inject({
      method: 'POST',
      url: '/socket.io/?EIO=4&transport=polling',
      headers,
      payload: '{',
    });
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().code, 0);
  }
});

test('PUT, PATCH, DELETE and OPTIONS on /socket.io/ get 400 with the JSON error too, not 404', async () => {
  for (const method of ['PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const) {
    const response = await relay.inject({ method, url: '/socket.io/?EIO=4&transport=polling', payload: 'x' });
    assert.equal(response.statusCode, 400, method);
    assert.match(response.headers['content-type'] as string, /^application\/json/, method);
    assert.equal(response.json().code, 0, method);
  }
  const wrongVersion = await relay.inject({ method: 'DELETE', url: '/socket.io/?EIO=3&transport=polling' });
  assert.equal(wrongVersion.json().code, 5);
});

test('WebSocket upgrades for Engine.IO v3 or with a session id are refused with 400', async (t) => {
  const { url } = await startRelay(t);
  const base = url.replace(/^http/, 'ws');
  const v3 = await refusedUpgrade(`${base}/socket.io/?EIO=3&transport=websocket`);
  assert.equal(v3.status, 400);
  assert.equal(JSON.parse(v3.body).code, 5);
  const withSid = await refusedUpgrade(`${base}/socket.io/?EIO=4&transport=websocket&sid=abc`);
  assert.equal(withSid.status, 400);
  assert.equal(JSON.parse(withSid.body).code, 1);
});

test('GET /healthz answers ok with the room and peer counts', async () => {
  const response = await relay.inject('/healthz');
  assert.equal(response.statusCode, 200);
  const body = response.json();
  assert.equal(body.status, 'ok');
  assert.equal(body.rooms, 0);
  assert.equal(body.peers, 0);
});

test('the widget bundle is served to any origin as JavaScript, with its source map', async (t) => {
  if (skippedUnbuilt(t, 'video-conference.js')) return;
  const bundle = await relay.inject({ url: '/video-conference.js', headers: { origin: 'https://example.org' } });
  assert.equal(bundle.statusCode, 200);
  assert.equal(bundle.headers['access-control-allow-origin'], '*');
  assert.match(bundle.headers['content-type'] as string, /javascript/);
  assert.ok(bundle.body.length > 0);
  const map = await relay.inject('/video-conference.js.map');
  assert.equal(map.statusCode, 200);
  assert.equal(map.headers['access-control-allow-origin'], '*');
  assert.ok(Array.isArray(map.json().sources));
});

test('the bundle and its chunks are sent brotli- or gzip-compressed to browsers that accept it, the same bytes', async (t) => {
  if (skippedUnbuilt(t, 'video-conference.js.br')) return;
  for (const path of ['/video-conference.js', `/chunks/${aChunk()}`]) {
    const original = readFileSync(join(WIDGET_DIR, path));
    const brotli = await relay.inject({ url: path, headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    assert.equal(brotli.headers['content-encoding'], 'br', path);
    assert.match(brotli.headers['content-type'] as string, /javascript/, path);
    assert.equal(brotli.headers.vary, 'accept-encoding', path);
    assert.equal(brotli.headers['access-control-allow-origin'], '*', path);
    assert.ok(brotliDecompressSync(brotli.rawPayload).equals(original), path);
    const gzip = await relay.inject({ url: path, headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gzip.headers['content-encoding'], 'gzip', path);
    assert.ok(gunzipSync(gzip.rawPayload).equals(original), path);
    const plain = await relay.inject({ url: path, headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.headers['content-encoding'], undefined, path);
    assert.ok(plain.rawPayload.equals(original), path);
  }
  // The compressed copies are not addresses of their own.
  assert.equal((await relay.inject('/video-conference.js.br')).statusCode, 404);
});

test('chunks (hashed names) are cached for good; the bundle is revalidated, and a matching ETag gets 304', async (t) => {
  if (skippedUnbuilt(t, 'video-conference.js')) return;
  const cached = await relay.inject(`/chunks/${aChunk()}`);
  assert.equal(cached.headers['cache-control'], 'public, max-age=31536000, immutable');
  const bundle = await relay.inject({ url: '/video-conference.js', headers: { 'accept-encoding': 'br' } });
  assert.equal(bundle.headers['cache-control'], 'no-cache');
  const again = await relay.inject({
    url: '/video-conference.js',
    headers: { 'accept-encoding': 'br', 'if-none-match': bundle.headers.etag as string },
  });
  assert.equal(again.statusCode, 304);
});

test('demo pages are served whatever the browser accepts (only the widget has compressed copies)', async () => {
  for (const path of ['/', '/module.html', '/strict']) {
    const response = await relay.inject({ url: path, headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    assert.equal(response.statusCode, 200, path);
    assert.match(response.headers['content-type'] as string, /^text\/html/, path);
  }
});

test('GET / serves the demo page', async () => {
  const response = await relay.inject('/');
  assert.equal(response.statusCode, 200);
  assert.match(response.headers['content-type'] as string, /^text\/html/);
  assert.match(response.body, /<script type="module" src="video-conference\.js"><\/script>/);
});

test("the relay's own build under dist/relay is not public, however the path is spelled", async () => {
  for (const path of ['/relay/main.js', '/relay/main.js.map', '/relay/app.js', '/relay/', '/relay']) {
    const response = await relay.inject(path);
    assert.equal(response.statusCode, 404, path);
  }
  // Non-canonical spellings (GHSA-8pvw-jcv7-9cmj, GHSA-83w8-p2f5-377r): refused (403 or 404), never served.
  for (const path of [
    '//relay/main.js',
    '/./relay/main.js',
    '/chunks/../relay/main.js',
    '/chunks/%2e%2e/relay/main.js',
  ]) {
    const response = await relay.inject(path);
    assert.ok([403, 404].includes(response.statusCode), `${path}: ${response.statusCode}`);
  }
});
