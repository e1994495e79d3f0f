// Types for janus-server.mjs, which the test-runner plugin, the benchmarks and the TypeScript tests share.
export declare const janusPath: string;
export interface JanusServer {
  port: number;
  /** ws://127.0.0.1:PORT, its WebSocket API */
  url: string;
  /** Kills it, as a crash would. */
  stop(): Promise<void>;
  /** Starts it again, with no rooms, on the same port. */
  start(): Promise<void>;
  /** Kills it and removes its config folder. */
  remove(): Promise<void>;
}
export declare function startJanus(): Promise<JanusServer>;
