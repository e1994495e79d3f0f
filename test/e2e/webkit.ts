// WebKit for the end-to-end tests: Debian's WebKitGTK MiniBrowser on a virtual display (Xvfb), driven by
// WebKitWebDriver over classic WebDriver on a loopback port; just enough of the protocol to open a page and
// run a script in it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { startXvfb } from './xvfb.ts';

export const webkitDriverPath = '/usr/bin/WebKitWebDriver';
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

export const webkitAvailable = (): boolean => existsSync(webkitDriverPath) && existsSync(MINIBROWSER);

export interface WebKitSession {
  open(url: string): Promise<void>;
  /** Runs `script` (a function body) in the page and returns what it returns. */
  run<T>(script: string): Promise<T>;
  close(): Promise<void>;
}

export async function launchWebKit(): Promise<WebKitSession> {
  const display = await startXvfb();
  const port = await freePort();
  const driver = spawn(webkitDriverPath, [`--port=${port}`, '--host=127.0.0.1'], {
    env: { ...process.env, DISPLAY: display.name },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const { value } = (await response.json()) as { value: T & { error?: string; message?: string } };
    if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${value.error} ${value.message}`);
    return value;
  };
  const stop = () => {
    driver.kill();
    display.stop();
  };
  try {
    await until(
      () =>
        request('GET', '/status').then(
          () => true,
          () => false,
        ),
      'WebKitWebDriver listening',
    );
    const { sessionId } = await request<{ sessionId: string }>('POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } },
    });
    const session = `/session/${sessionId}`;
    return {
      open: (url) => request('POST', `${session}/url`, { url }),
      run: (script) => request('POST', `${session}/execute/sync`, { script, args: [] }),
      close: async () => {
        await request('DELETE', session).catch(() => {});
        stop();
      },
    };
  } catch (error) {
    stop();
    throw error;
  }
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
