// Types for redis-server.mjs, which the test-runner plugin, the benchmarks and the TypeScript tests share.
export declare const redisServerPath: string;
export declare function freePort(): Promise<number>;
export interface RedisServer {
  port: number;
  /** redis://127.0.0.1:PORT */
  url: string;
  /** Kills it, as a crash would. */
  stop(): Promise<void>;
  /** Starts it again, empty, on the same port. */
  start(): Promise<void>;
}
export declare function startRedis(): Promise<RedisServer>;
