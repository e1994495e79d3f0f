// A test network of Linux network namespaces (all named vct-*, all addresses from 198.18.0.0/15, the range
// reserved for network tests): an 'internet' namespace, two routers that NAT a 'home' each, and nothing else.
// The namespaces connect only to each other through veth pairs and none has a route off the machine.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const PREFIX = 'vct-';

/** The internet's own address, where the relay and the TURN server listen. */
export const INTERNET_IP = '198.18.0.1';
export const INTERNET = `${PREFIX}inet`;

export interface Home {
  /** The namespace Chromium runs in; its link to the router is `eth0`. */
  ns: string;
  router: string;
  /** Its address on the home network, e.g. 198.18.11.2/24. */
  address: string;
  /** The router's address on the home network, the home's gateway. */
  gateway: string;
}

/** Runs a command inside `ns` (or on the host when null) and returns its output; throws with stderr on failure. */
export async function run(ns: string | null, command: string[]): Promise<string> {
  const [file, ...args] = ns ? ['ip', 'netns', 'exec', ns, ...command] : command;
  try {
    return (await exec(file!, args)).stdout;
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`${[file, ...args].join(' ')}: ${stderr?.trim() || String(error)}`);
  }
}

/** Why these tests cannot run here (not root, no namespaces, a tool missing), or null when they can. */
export async function unavailable(tools: string[]): Promise<string | null> {
  if (process.getuid?.() !== 0) return 'needs root to build network namespaces';
  for (const tool of ['ip', 'iptables', ...tools]) {
    try {
      await exec('sh', ['-c', `command -v ${tool}`]);
    } catch {
      return `${tool} is not installed`;
    }
  }
  const probe = `${PREFIX}probe`;
  try {
    await removeAll();
    await run(null, ['ip', 'netns', 'add', probe]);
    await run(null, ['ip', 'netns', 'del', probe]);
    return null;
  } catch (error) {
    return `ip netns add fails: ${(error as Error).message}`;
  }
}

/** Removes every vct-* namespace, killing what still runs in it: those of this run and those of a crashed one. */
export async function removeAll(): Promise<void> {
  const names = (await run(null, ['ip', 'netns', 'list']))
    .split('\n')
    .map((line) => line.split(' ')[0]!)
    .filter((name) => name.startsWith(PREFIX));
  for (const name of names) {
    const pids = (await run(null, ['ip', 'netns', 'pids', name])).split('\n').filter(Boolean);
    for (const pid of pids) process.kill(Number(pid), 'SIGKILL');
    await run(null, ['ip', 'netns', 'del', name]);
  }
}

async function link(a: string, aName: string, aAddress: string, b: string, bName: string, bAddress: string) {
  await run(null, ['ip', '-n', a, 'link', 'add', aName, 'type', 'veth', 'peer', 'name', bName, 'netns', b]);
  for (const [ns, name, address] of [
    [a, aName, aAddress],
    [b, bName, bAddress],
  ] as const) {
    await run(null, ['ip', '-n', ns, 'addr', 'add', address, 'dev', name]);
    await run(null, ['ip', '-n', ns, 'link', 'set', name, 'up']);
  }
}

/**
 * Builds the network: home1 (198.18.11.2) behind router1 (198.18.1.2 on the internet side), home2
 * (198.18.12.2) behind router2 (198.18.2.2), and the internet at 198.18.0.1. The internet forwards nothing,
 * so the homes reach the internet's own address and never each other. Call `removeAll()` afterwards.
 */
export async function buildNetwork(): Promise<Home[]> {
  await removeAll();
  await run(null, ['ip', 'netns', 'add', INTERNET]);
  await run(INTERNET, ['ip', 'link', 'set', 'lo', 'up']);
  await run(INTERNET, ['ip', 'addr', 'add', `${INTERNET_IP}/32`, 'dev', 'lo']);
  // Forwarding is off in a new namespace; the rule says what the test relies on.
  await run(INTERNET, ['iptables', '-P', 'FORWARD', 'DROP']);
  const homes: Home[] = [];
  for (const n of [1, 2]) {
    const home: Home = {
      ns: `${PREFIX}home${n}`,
      router: `${PREFIX}router${n}`,
      address: `198.18.1${n}.2`,
      gateway: `198.18.1${n}.1`,
    };
    for (const ns of [home.ns, home.router]) {
      await run(null, ['ip', 'netns', 'add', ns]);
      await run(ns, ['ip', 'link', 'set', 'lo', 'up']);
    }
    await link(home.router, 'wan', `198.18.${n}.2/24`, INTERNET, `home${n}`, `198.18.${n}.1/24`);
    await link(home.ns, 'eth0', `${home.address}/24`, home.router, 'lan', `${home.gateway}/24`);
    await run(home.router, ['ip', 'route', 'add', 'default', 'via', `198.18.${n}.1`]);
    await run(home.router, ['sysctl', '-qw', 'net.ipv4.ip_forward=1']);
    await run(home.router, ['iptables', '-t', 'nat', '-A', 'POSTROUTING', '-o', 'wan', '-j', 'MASQUERADE']);
    await run(home.ns, ['ip', 'route', 'add', 'default', 'via', home.gateway]);
    homes.push(home);
  }
  return homes;
}

/** Starts a long-running command inside `ns`; its output is kept for an error message, not printed. */
export function spawnIn(
  ns: string,
  command: string[],
  env: Record<string, string> = {},
): ChildProcess & { log: string[] } {
  const child = spawn('ip', ['netns', 'exec', ns, ...command], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & { log: string[] };
  child.log = [];
  child.stdout!.on('data', (chunk: Buffer) => child.log.push(String(chunk)));
  child.stderr!.on('data', (chunk: Buffer) => child.log.push(String(chunk)));
  return child;
}

/** Waits (bounded) until something in `ns` listens on `port` (`tcp` or `udp`). */
export async function waitForListener(ns: string, protocol: 'tcp' | 'udp', port: number, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  const flag = protocol === 'tcp' ? '-Hltn' : '-Hlun';
  while (!(await run(ns, ['ss', flag, `sport = :${port}`])).trim()) {
    if (Date.now() > deadline) throw new Error(`nothing listens on ${protocol} ${port} in ${ns}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
