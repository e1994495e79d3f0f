// The package as npm would publish it: packs the built tree (no scripts, offline), unpacks it into a temporary
// project's node_modules, and checks what a consumer relies on: the files, the exports map, the relay and its
// bin, and the type declarations (a tiny browser and Node consumer compiled with tsc against dist/types).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, string>>;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  customElements: string;
  types: string;
};
const run = promisify(execFile);
/** Every child process is bounded: a hung npm or tsc fails the test instead of the run. */
const TIMEOUT = { timeout: 60_000 };

describe('the npm package', { timeout: 120_000 }, () => {
  let project: string;
  let installed: string;
  let packed: Array<{ path: string; mode: number }>;

  before(async () => {
    project = await mkdtemp(join(tmpdir(), 'video-conference-package-'));
    installed = join(project, 'node_modules', 'video-conference');
    await mkdir(installed, { recursive: true });
    const { stdout } = await run(
      'npm',
      ['pack', '--json', '--ignore-scripts', '--offline', '--pack-destination', project],
      { cwd: root, ...TIMEOUT },
    );
    const [pack] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string; mode: number }> }>;
    packed = pack!.files;
    await run('tar', ['-xzf', join(project, pack!.filename), '-C', installed, '--strip-components=1'], TIMEOUT);
    // The package's dependencies (and Node's types, for the consumer below) come from this repository.
    for (const name of [...Object.keys(manifest.dependencies), '@types/node']) {
      await mkdir(join(project, 'node_modules', name, '..'), { recursive: true });
      await symlink(join(root, 'node_modules', name), join(project, 'node_modules', name), 'dir');
    }
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
  });

  after(() => (project ? rm(project, { recursive: true, force: true }) : undefined));

  it('holds the bundle, the relay with its bin, the declarations, the manifest and the demo, and no sources', () => {
    const paths = packed.map((file) => file.path);
    const targets = Object.values(manifest.exports).flatMap((target) =>
      typeof target === 'string' ? [target] : Object.values(target),
    );
    const needed = [...targets, manifest.types, manifest.customElements, ...Object.values(manifest.bin)];
    for (const path of [...needed, 'dist/video-conference.js.map', 'demo/index.html', 'README.md']) {
      assert.ok(paths.includes(path.replace(/^\.\//, '')), `${path} is missing from the package`);
    }
    assert.deepEqual(
      paths.filter((path) => /^(src|server|test|tools|bench|node_modules)\//.test(path)),
      [],
      'sources and tests stay out of the package',
    );
    const bin = packed.find((file) => file.path === manifest.bin['video-conference-relay']);
    assert.ok(bin && (bin.mode & 0o111) !== 0, 'the bin is executable');
  });

  it('resolves every export from a project that installed it, and the relay serves the packed widget and demo', async () => {
    const script = `
      import { existsSync } from 'node:fs';
      import { fileURLToPath } from 'node:url';
      import { buildRelay } from 'video-conference/relay';
      import { mintJoinToken } from 'video-conference/join-token';
      import { signWebhook, verifyWebhook } from 'video-conference/webhooks';
      const specifiers = ['video-conference', 'video-conference/relay', 'video-conference/join-token',
        'video-conference/webhooks', 'video-conference/package.json', 'video-conference/custom-elements.json'];
      const resolved = Object.fromEntries(specifiers.map((s) => [s, fileURLToPath(import.meta.resolve(s))]));
      const app = buildRelay();
      const widget = await app.inject('/video-conference.js');
      const demo = await app.inject('/');
      await app.close();
      console.log(JSON.stringify({
        missing: Object.values(resolved).filter((file) => !existsSync(file)),
        main: resolved['video-conference'],
        widget: [widget.statusCode, widget.headers['content-type'], widget.body.length],
        demo: [demo.statusCode, demo.body.includes('<video-conference') || demo.body.includes('video-conference.js')],
        token: mintJoinToken({ room: 'r' }, 'a-secret-of-enough-length').split('.').length,
        webhook: verifyWebhook({ body: '{}', signature: signWebhook('{}', 'secret', 1000), timestamp: '1000' },
          'secret', { now: 1000_000 }),
      }));`;
    await writeFile(join(project, 'check.mjs'), script);
    const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: project, ...TIMEOUT });
    const result = JSON.parse(stdout);
    assert.deepEqual(result.missing, []);
    assert.equal(result.main, join(installed, 'dist', 'video-conference.js'));
    assert.equal(result.widget[0], 200);
    assert.match(result.widget[1], /javascript/);
    assert.ok(result.widget[2] > 10_000, 'the relay serves the packed bundle');
    assert.deepEqual(result.demo, [200, true]);
    assert.equal(result.token, 2);
    assert.equal(result.webhook, true, 'a backend verifies a webhook with the exported helper');
  });

  it('runs the video-conference-relay bin with npx from the package directory', async () => {
    const { stdout } = await run('npm', ['exec', '--offline', '--yes', '--', 'video-conference-relay', '--help'], {
      cwd: installed,
      ...TIMEOUT,
    });
    assert.match(stdout, /^Usage: video-conference-relay/);
    assert.match(stdout, /MAX_PEERS_PER_ROOM/);
  });

  it('types a browser page and a Node backend through the exports map', async () => {
    await writeFile(
      join(project, 'page.ts'),
      `import { VideoConference, type ErrorCode, type Participant } from 'video-conference';
      const call = document.createElement('video-conference');
      const typed: VideoConference = call;
      call.addEventListener('vc-joined', (event) => console.log(event.detail.room.toUpperCase()));
      call.addEventListener('vc-error', (event) => {
        const code: ErrorCode = event.detail.code;
        console.log(code, typed.state);
      });
      const people: Participant[] = call.participants;
      console.log(people.length, document.querySelector('video-player')?.stream);
      // @ts-expect-error: the augmentations are real types, not any
      const wrong: number = call.room;
      // @ts-expect-error: vc-peer-left's detail has no such field
      call.addEventListener('vc-peer-left', (event) => event.detail.nope);
      console.log(wrong);
      `,
    );
    await writeFile(
      join(project, 'backend.ts'),
      `import { buildRelay, type RelayOptions } from 'video-conference/relay';
      import { mintJoinToken } from 'video-conference/join-token';
      import { verifyWebhook, WEBHOOK_HEADERS, type WebhookEvent } from 'video-conference/webhooks';
      import { createServer } from 'node:http';
      const options: RelayOptions = { maxPeersPerRoom: 4, logger: false, webhook: null };
      const relay = buildRelay(options);
      await relay.listen({ port: 0, host: '127.0.0.1' });
      const token: string = mintJoinToken({ room: 'board', name: 'Ada', expiresInSeconds: 600 }, 'secret');
      // @ts-expect-error: the room is required
      mintJoinToken({ name: 'Ada' }, 'secret');
      console.log(token);
      await relay.close();
      createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk));
        req.on('end', () => {
          const signature = req.headers[WEBHOOK_HEADERS.signature];
          const timestamp = req.headers[WEBHOOK_HEADERS.timestamp];
          if (!verifyWebhook({ body, signature, timestamp }, 'secret', { toleranceSeconds: 60 })) return res.writeHead(400).end();
          const event: WebhookEvent = JSON.parse(body);
          // @ts-expect-error: not an event type
          const wrong: typeof event.type = 'room-exploded';
          console.log(event.room, event.type, wrong);
          res.end();
        });
      });
      `,
    );
    await writeFile(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          lib: ['es2022', 'dom', 'dom.iterable'],
          types: ['node'],
          skipLibCheck: true,
        },
        files: ['page.ts', 'backend.ts'],
      }),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', project], { cwd: project, ...TIMEOUT }).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }),
    );
    assert.equal(result.stdout.trim(), '', 'tsc reports no errors');
  });
});
