// This relay's link to the Redis its rooms live in (redis-store.ts): a connection for commands, with the Lua
// scripts of scripts.ts, and one for this relay's pub/sub channel; whether both are up; the heartbeat that tells
// the other relays this one is alive; and catching up after an outage before the store serves again.
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import { StoreUnavailableError } from '../errors.ts';
import { connect } from './connection.ts';
import { scriptSource, SCRIPTS, type ScriptName } from './scripts.ts';

export type Scripted = Redis & Record<ScriptName, (...args: Array<string | number>) => Promise<unknown>>;

export interface LinkOptions {
  keyPrefix: string;
  heartbeatMs: number;
  nodeTtlMs: number;
  log: FastifyBaseLogger;
}

export interface LinkHooks {
  /** A message on this relay's channel. */
  receive(message: string): void;
  /**
   * Brings the store in line with Redis after an outage, or after the others took this relay for dead; throws
   * if Redis went away again meanwhile.
   */
  catchUp(): Promise<void>;
}

export class RedisLink {
  /** This relay's id among the relays sharing the Redis. */
  readonly node = randomBytes(9).toString('base64url');
  /** Commands, the scripts among them. */
  readonly cmd: Scripted;
  #sub: Redis;
  #options: LinkOptions;
  #hooks: LinkHooks;
  /** Connected, subscribed, registered and caught up. */
  #up = false;
  #recovering = false;
  #closed = false;
  #heartbeat: NodeJS.Timeout;
  #becameUp: Array<() => void> = [];

  constructor(url: string, options: LinkOptions, hooks: LinkHooks) {
    this.#options = options;
    this.#hooks = hooks;
    this.cmd = connect(url, this.node, options.log, () => this.#check()) as Scripted;
    this.#sub = connect(url, this.node, options.log, () => this.#check());
    for (const name of Object.keys(SCRIPTS) as ScriptName[]) {
      this.cmd.defineCommand(name, { numberOfKeys: 0, lua: scriptSource(name) });
    }
    this.#sub.on('message', (_channel: string, message: string) => hooks.receive(message));
    this.#heartbeat = setInterval(() => void this.#beat(), options.heartbeatMs);
  }

  get up(): boolean {
    return this.#up;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** A failed command: Redis went away (the relay carries on without it), or a bug (thrown on). */
  failure(error: unknown): Error {
    if (error instanceof Error && error.name === 'ReplyError') return error;
    this.#up = false;
    this.#check();
    return new StoreUnavailableError('Redis is unreachable', { cause: error });
  }

  /** Resolves once the link is up, or after `timeoutMs`. */
  whenUp(timeoutMs: number): Promise<void> {
    if (this.#up) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.#becameUp.push(() => (clearTimeout(timer), resolve()));
    });
  }

  /** Stops the heartbeat, runs `retire` if Redis is reachable, and closes both connections. */
  async close(retire: () => Promise<unknown>): Promise<void> {
    const up = this.#up;
    this.#closed = true;
    this.#up = false;
    clearInterval(this.#heartbeat);
    if (up) await retire().catch(() => {});
    await Promise.all([this.cmd, this.#sub].map((client) => client.quit().catch(() => client.disconnect())));
  }

  /** Called whenever a connection comes or goes: goes down at once, comes up after catching up. */
  #check(): void {
    if (this.#closed) return;
    const connected = this.cmd.status === 'ready' && this.#sub.status === 'ready';
    if (!connected) {
      if (this.#up) this.#options.log.warn('Redis is unreachable: serving local members only until it is back');
      this.#up = false;
    } else if (!this.#up && !this.#recovering) {
      void this.#recover();
    }
  }

  /** Subscribes, registers and catches up on what was missed; then serves again. */
  async #recover(): Promise<void> {
    const { keyPrefix, nodeTtlMs, log } = this.#options;
    this.#recovering = true;
    try {
      await this.#sub.subscribe(`${keyPrefix}ch:${this.node}`);
      await this.cmd.vcHeartbeat(keyPrefix, this.node, nodeTtlMs);
      await this.#hooks.catchUp();
      if (this.#closed || this.cmd.status !== 'ready' || this.#sub.status !== 'ready') return;
      this.#up = true;
      log.info({ node: keyPrefix + this.node }, 'Redis is reachable: serving');
      for (const resolve of this.#becameUp.splice(0)) resolve();
    } catch (error) {
      log.warn({ err: error }, 'could not catch up with Redis yet');
    } finally {
      this.#recovering = false;
    }
  }

  async #beat(): Promise<void> {
    if (this.#closed) return;
    if (!this.#up) return this.#check();
    const { keyPrefix, nodeTtlMs, log } = this.#options;
    try {
      const [registered] = (await this.cmd.vcHeartbeat(keyPrefix, this.node, nodeTtlMs)) as number[];
      // The others took this relay for dead (a long pause?) and ended its memberships: catch up.
      if (registered === 1) await this.#hooks.catchUp();
    } catch (error) {
      const failure = this.failure(error);
      if (!(failure instanceof StoreUnavailableError)) log.error({ err: failure }, 'heartbeat failed');
    }
  }
}
