// Runs one connection's handlers one at a time, in arrival order, even when some are async: a task starts
// at once when nothing is pending (so synchronous handlers stay synchronous), and otherwise after the
// previous one has settled.

export type Task = () => void | Promise<void>;

export class Serial {
  #tail: Promise<void> | undefined;

  /** `onError` gets whatever the task throws or rejects with; the tasks after it still run. */
  run(task: Task, onError: (error: unknown) => void): void {
    const pending = this.#tail ? this.#tail.then(() => invoke(task, onError)) : invoke(task, onError);
    if (!pending) return;
    this.#tail = pending;
    void pending.then(() => {
      if (this.#tail === pending) this.#tail = undefined;
    });
  }
}

/** Starts `task`; returns a promise (that never rejects) only if it went async. */
function invoke(task: Task, onError: (error: unknown) => void): Promise<void> | undefined {
  try {
    const result = task();
    if (result) return result.then(undefined, onError);
  } catch (error) {
    onError(error);
  }
  return undefined;
}
