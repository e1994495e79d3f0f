// The relay's command line as a process: it listens where the environment says, logs the URL with the real
// port, serves /healthz, exits 0 on SIGTERM, and exits 1 with a message naming the variable on bad config.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test, type TestContext } from 'node:test';
import { within } from './helpers.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Starting node with tsx takes a while on a busy machine. */
const START_MS = 20_000;

/** Runs server/main.ts with only `env` (and PATH) set; killed after the test if still running. */
function runMain(
  t: TestContext,
  env: Record<string, string>,
  args: string[] = [],
): { child: ChildProcess; stdout: string[]; stderr: string[] } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => stdout.push(chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  return { child, stdout, stderr };
}

/** Resolves with the exit code (or signal) once the process has exited. */
function exited(child: ChildProcess, timeoutMs: number): Promise<number | NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? child.signalCode);
  return within(
    new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal))),
    'process exit',
    timeoutMs,
  );
}

/** Resolves with the line main logs once it listens (pino writes one JSON object per line on stdout). */
function readyLine(child: ChildProcess, stderr: string[]): Promise<string> {
  return within(
    new Promise((resolve, reject) => {
      let buffered = '';
      child.stdout!.on('data', (chunk: string) => {
        buffered += chunk;
        const line = buffered.split('\n').find((candidate) => READY.test(candidate));
        if (line) resolve(line);
      });
      child.once('exit', (code) =>
        reject(new Error(`main exited with ${code} before it was ready: ${stderr.join('')}`)),
      );
    }),
    'the ready line',
    START_MS,
  );
}

const READY = /video-conference relay ready: open http:\/\/127\.0\.0\.1:(\d+)\//;

test('main listens, logs its URL with the real port, serves /healthz and exits 0 on SIGTERM', async (t) => {
  const { child, stdout, stderr } = runMain(t, { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' });
  const line = await readyLine(child, stderr);
  assert.equal(JSON.parse(line).level, 30, 'logged at info level');
  const port = Number(READY.exec(line)![1]);
  assert.ok(port > 0);

  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  assert.equal(response.status, 200);
  assert.equal(((await response.json()) as { status: string }).status, 'ok');

  child.kill('SIGTERM');
  assert.equal(await exited(child, START_MS), 0);
  assert.equal(stderr.join(''), '');
  const warnings = stdout
    .join('')
    .split('\n')
    .filter((l) => l.includes('"level":40'));
  assert.equal(warnings.filter((l) => l.includes('ALLOWED_ORIGINS')).length, 1, 'one warning naming ALLOWED_ORIGINS');
});

test('with ALLOWED_ORIGINS and PUBLIC_URL set there is no warning, and flags work like the environment', async (t) => {
  const env = { HOST: '127.0.0.1', ALLOWED_ORIGINS: 'https://a.example', PUBLIC_URL: 'https://relay.example' };
  const { child, stdout, stderr } = runMain(t, env, ['--port', '0']);
  await readyLine(child, stderr);
  child.kill('SIGTERM');
  assert.equal(await exited(child, START_MS), 0);
  assert.doesNotMatch(stdout.join(''), /"level":40/);
});

test('ALLOWED_ORIGINS without PUBLIC_URL warns that the own origin comes from the Host header', async (t) => {
  const { child, stdout, stderr } = runMain(t, { HOST: '127.0.0.1', PORT: '0', ALLOWED_ORIGINS: 'https://a.example' });
  await readyLine(child, stderr);
  child.kill('SIGTERM');
  assert.equal(await exited(child, START_MS), 0);
  const warnings = stdout
    .join('')
    .split('\n')
    .filter((l) => l.includes('"level":40'));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /set PUBLIC_URL/);
});

test('--help prints every option and exits 0 without listening', async (t) => {
  const { child, stdout } = runMain(t, {}, ['--help']);
  assert.equal(await exited(child, START_MS), 0);
  assert.match(stdout.join(''), /--max-peers-per-room {2}\(MAX_PEERS_PER_ROOM, default 8\)/);
});

test('main exits 1 with a message naming PORT when PORT is not a number', async (t) => {
  const { child, stdout, stderr } = runMain(t, { PORT: 'abc' });
  assert.equal(await exited(child, START_MS), 1);
  assert.match(stderr.join(''), /PORT/);
  assert.equal(stdout.join(''), '');
});
