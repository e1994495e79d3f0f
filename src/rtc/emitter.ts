// A small typed event emitter whose on() returns its own unsubscribe function, and a bag that collects
// such functions so an object can drop every subscription it made in one call (socket.io-client's habit).

export type Listener<T> = (detail: T) => void;

export class Emitter<Events extends object> {
  #listeners = new Map<keyof Events, Set<Listener<never>>>();

  on<K extends keyof Events>(type: K, listener: Listener<Events[K]>): () => void {
    let set = this.#listeners.get(type);
    if (!set) this.#listeners.set(type, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  protected emit<K extends keyof Events>(type: K, detail: Events[K]): void {
    for (const listener of [...(this.#listeners.get(type) ?? [])]) (listener as Listener<Events[K]>)(detail);
  }

  /** Re-emits `source`'s events of `types` as ours, for as long as `source` keeps its listeners. */
  protected forward<Source extends object>(source: Emitter<Source>, types: Array<keyof Source & keyof Events>): void {
    for (const type of types) source.on(type, (detail) => this.emit(type, detail as never));
  }

  protected removeAllListeners(): void {
    this.#listeners.clear();
  }
}

/** Collects unsubscribe and clean-up functions; drain() runs each once. */
export class Subscriptions {
  #drains: Array<() => void> = [];

  add(...drains: Array<() => void>): void {
    this.#drains.push(...drains);
  }

  drain(): void {
    for (const drain of this.#drains.splice(0)) drain();
  }
}
