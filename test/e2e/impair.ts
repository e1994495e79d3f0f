// What the network tests do to one home's link in the network of netns.ts: slow and lossy (tc netem when the
// kernel has it; otherwise a tbf rate limit and iptables' random drops, with no added delay), down, renumbered.
import { run, type Home } from './netns.ts';

/** A bad link, both ways: a rate limit, a one-way delay and random loss. */
export interface Profile {
  rateKbit: number;
  delayMs: number;
  lossPercent: number;
}

/** The bad Wi-Fi: 300 kbit/s, 150 ms, 3 % loss. */
export const SLOW_LOSSY: Profile = { rateKbit: 300, delayMs: 150, lossPercent: 3 };

/** Whether this kernel has sch_netem (many minimal kernels, this development machine's included, do not). */
export async function hasNetem(): Promise<boolean> {
  const probe = 'vct-netem';
  await run(null, ['ip', 'netns', 'add', probe]);
  try {
    await run(probe, ['tc', 'qdisc', 'add', 'dev', 'lo', 'root', 'netem', 'delay', '1ms']);
    return true;
  } catch {
    return false;
  } finally {
    await run(null, ['ip', 'netns', 'del', probe]);
  }
}

/** The home's side of its link (what it sends) and the router's (what it receives). */
const ends = (home: Home) =>
  [
    [home.ns, 'eth0'],
    [home.router, 'lan'],
  ] as const;

/** The router's rules that drop a share of what it forwards to and from the home, in both directions. */
const lossRules = (probability: number) =>
  ['-i', '-o'].map((direction) => [
    'FORWARD',
    direction,
    'lan',
    '-m',
    'statistic',
    '--mode',
    'random',
    '--probability',
    String(probability),
    '-j',
    'DROP',
  ]);

/**
 * Impairs the home's link both ways. With `netem` false (no sch_netem), the rate comes from tbf and the loss
 * from iptables in the router, and the delay is left out: no other qdisc here can hold packets back.
 */
export async function impair(home: Home, profile: Profile, netem: boolean): Promise<void> {
  const { rateKbit, delayMs, lossPercent } = profile;
  for (const [ns, dev] of ends(home)) {
    const qdisc = netem
      ? ['netem', 'rate', `${rateKbit}kbit`, 'delay', `${delayMs}ms`, 'loss', `${lossPercent}%`]
      : // A queue of up to 300 ms, as a home router's buffer would hold, rather than dropping every burst.
        ['tbf', 'rate', `${rateKbit}kbit`, 'burst', '4kb', 'latency', '300ms'];
    await run(ns, ['tc', 'qdisc', 'replace', 'dev', dev, 'root', ...qdisc]);
  }
  if (!netem) for (const rule of lossRules(lossPercent / 100)) await run(home.router, ['iptables', '-A', ...rule]);
}

/** Lifts what `impair` did. */
export async function lift(home: Home, profile: Profile, netem: boolean): Promise<void> {
  for (const [ns, dev] of ends(home)) await run(ns, ['tc', 'qdisc', 'del', 'dev', dev, 'root']);
  if (!netem)
    for (const rule of lossRules(profile.lossPercent / 100)) await run(home.router, ['iptables', '-D', ...rule]);
}

/** Takes the home's link down (the router's end of it, as when a cable is pulled) or brings it back up. */
export async function setLink(home: Home, up: boolean): Promise<void> {
  await run(home.router, ['ip', 'link', 'set', 'lan', up ? 'up' : 'down']);
}

/**
 * Gives the home a new address on its network (as a laptop gets on another Wi-Fi), dropping the old one: what
 * was bound to it, the call's sockets included, no longer reaches anything. Returns the new address.
 */
export async function renumber(home: Home): Promise<string> {
  const next = home.address.replace(/\d+$/, (n) => String(Number(n) + 1));
  // Without it, removing the primary address would remove the new, secondary one with it.
  await run(home.ns, ['sysctl', '-qw', 'net.ipv4.conf.eth0.promote_secondaries=1']);
  await run(home.ns, ['ip', 'addr', 'add', `${next}/24`, 'dev', 'eth0']);
  await run(home.ns, ['ip', 'addr', 'del', `${home.address}/24`, 'dev', 'eth0']);
  await run(home.ns, ['ip', 'route', 'replace', 'default', 'via', home.gateway]);
  home.address = next;
  return next;
}
