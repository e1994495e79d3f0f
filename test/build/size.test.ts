// The widget's size budget: dist/video-conference.js, the script the embed loads (lit and socket.io-client
// inside), gzipped at level 9. Sizes are deterministic, so this catches the build that crosses the line;
// `npm run bench:size` explains the figures, with the chunks a call fetches besides.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WIDGET_GZIP_BUDGET, sizesOf, widgetFiles } from '../../tools/bundle-size.mjs';

const files = widgetFiles(new URL('../../dist/', import.meta.url));

test(`the widget's bundle is at most ${WIDGET_GZIP_BUDGET} bytes gzipped`, () => {
  const { gzip } = sizesOf(files.entry);
  assert.ok(
    gzip <= WIDGET_GZIP_BUDGET,
    `dist/video-conference.js is ${gzip} B gzipped, ${gzip - WIDGET_GZIP_BUDGET} B over the budget: see npm run bench:size`,
  );
});

test('the chunks loaded on demand exist and are separate files', () => {
  const names = files.onDemand.map((chunk) => chunk.name.replace(/-[\w-]{8}\.js$/, ''));
  for (const part of [
    'chat-panel',
    'video-conference-settings',
    'prejoin-panel',
    'tile-info',
    'connectivity',
    'effects',
    'background-effect',
    'noise-suppression',
    'call-recorder',
  ]) {
    assert.ok(names.includes(part), `${part} is a chunk of its own`);
  }
});
