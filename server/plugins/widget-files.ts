// The files the relay serves: the widget (the bundle, its chunks and their maps, from dist/, with CORS so
// that any allowed site can load it with one script tag, and the build's .br and .gz copies), the files its media
// effects load (dist/effects/: WebAssembly, models, worklets), the demo pages, and /strict, the module demo under
// a strict Content-Security-Policy.
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { DEMO_DIR, WIDGET_DIR } from '../paths.ts';

/**
 * A strict policy a site could use: scripts and styles from the page's origin only, no inline code, signaling
 * over WebSocket, and Trusted Types enforced. Lit creates one Trusted Types policy, named `lit-html`, for its
 * template HTML (and throws at load time if it may not), so that is the one policy name allowed.
 */
const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self' ws: wss:",
  "img-src 'self' data:",
  "media-src 'self' blob: mediastream:",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

const WIDGET_CHUNKS_DIR = join(WIDGET_DIR, 'chunks');

export const widgetFilesPlugin: FastifyPluginAsync = async (app) => {
  // dist/ also holds the relay's own build, so only the bundle, its chunks and their maps, and the effects' files
  // are public there (a name of dot-separated words: never `..`).
  app.register(fastifyStatic, {
    root: WIDGET_DIR,
    allowedPath: (path) =>
      /^\/(video-conference|chunks\/[\w-]+)\.js(\.map)?$/.test(path) ||
      /^\/effects\/[\w-]+\/[\w-]+(\.[\w-]+)+$/.test(path),
    preCompressed: true,
    cacheControl: false,
    decorateReply: false,
    setHeaders: widgetFileHeaders,
  });
  // The demo pages: a route for each file (found at start), which take precedence over the widget's wildcard.
  app.register(fastifyStatic, { root: DEMO_DIR, wildcard: false, setHeaders: allowAnyOrigin });
  app.get('/strict', (_request, reply) =>
    reply.header('content-security-policy', STRICT_CSP).sendFile('module.html', DEMO_DIR),
  );
};

/**
 * A module script loaded by a page on another origin is fetched in CORS mode, so "one script tag on any site"
 * needs these headers on the bundle. The origin guard has already refused the origins not allowed.
 */
function allowAnyOrigin(reply: FastifyReply): void {
  reply.header('access-control-allow-origin', '*');
  reply.header('cross-origin-resource-policy', 'cross-origin');
}

/**
 * Chunks have their content's hash in their names, so browsers keep them for good; the bundle itself is checked
 * again on each visit (its ETag makes that a 304), so a new release reaches every page at once. The encoding
 * sent depends on Accept-Encoding, which shared caches must know.
 */
function widgetFileHeaders(reply: FastifyReply, path: string): void {
  allowAnyOrigin(reply);
  const hashed = path.startsWith(WIDGET_CHUNKS_DIR);
  reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
  reply.header('vary', 'accept-encoding');
}
