// When to process a frame: on each frame the camera's <video> presents while the page is visible, and from a
// timer in a Worker while it is hidden, where browsers stop video frame callbacks and slow the page's own timers
// to once a second but leave a dedicated Worker's timers alone.

/** The Worker's whole script: posts a message every `data` milliseconds, or stops on 0. */
const TICKER_SOURCE = 'let t;onmessage=(e)=>{clearInterval(t);if(e.data>0)t=setInterval(()=>postMessage(0),e.data)}';

/** Calls `onFrame` for each frame of `video` while visible, and `fps` times a second while hidden. */
export class FrameLoop {
  readonly #video: HTMLVideoElement;
  readonly #onFrame: () => void;
  readonly #intervalMs: number;
  readonly #ticker: Ticker;
  readonly #frameCallbacks: boolean;
  #running = true;
  #frameCallback = 0;

  constructor(video: HTMLVideoElement, fps: number, onFrame: () => void) {
    this.#video = video;
    this.#onFrame = onFrame;
    this.#intervalMs = Math.max(10, Math.round(1000 / fps));
    this.#ticker = new Ticker(this.#onTick);
    this.#frameCallbacks = typeof video.requestVideoFrameCallback === 'function';
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#onVisibility();
  }

  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    if (this.#frameCallback) this.#video.cancelVideoFrameCallback(this.#frameCallback);
    this.#ticker.stop();
  }

  readonly #onVisibility = () => {
    if (!this.#running) return;
    const timed = document.hidden || !this.#frameCallbacks;
    this.#ticker.setInterval(timed ? this.#intervalMs : 0);
    if (!timed && !this.#frameCallback) this.#frameCallback = this.#video.requestVideoFrameCallback(this.#onVideoFrame);
  };

  readonly #onVideoFrame = () => {
    this.#frameCallback = 0;
    if (!this.#running) return;
    // Hidden pages get no more callbacks; the timer has taken over, and visibilitychange asks again on return.
    if (document.hidden) return;
    this.#frameCallback = this.#video.requestVideoFrameCallback(this.#onVideoFrame);
    this.#onFrame();
  };

  readonly #onTick = () => {
    if (this.#running) this.#onFrame();
  };
}

/**
 * A timer in a Worker made from a blob: URL; where a page's Content-Security-Policy refuses that Worker
 * (worker-src without blob:), the page's own timer instead, which hidden pages run only once a second.
 */
class Ticker {
  readonly #onTick: () => void;
  #worker: Worker | null = null;
  #fallback = 0;
  #intervalMs = 0;

  constructor(onTick: () => void) {
    this.#onTick = onTick;
    const url = URL.createObjectURL(new Blob([TICKER_SOURCE], { type: 'text/javascript' }));
    try {
      this.#worker = new Worker(url);
      this.#worker.onmessage = onTick;
      this.#worker.onerror = this.#useFallback;
    } catch {
      this.#worker = null;
    } finally {
      // The Worker has resolved its URL when constructed.
      URL.revokeObjectURL(url);
    }
  }

  /** Ticks every `intervalMs` from now, or never for 0. */
  setInterval(intervalMs: number): void {
    if (intervalMs === this.#intervalMs) return;
    this.#intervalMs = intervalMs;
    if (this.#worker) return this.#worker.postMessage(intervalMs);
    clearInterval(this.#fallback);
    if (intervalMs > 0) this.#fallback = window.setInterval(this.#onTick, intervalMs);
  }

  stop(): void {
    this.setInterval(0);
    this.#worker?.terminate();
    this.#worker = null;
  }

  readonly #useFallback = (event: Event) => {
    event.preventDefault();
    this.#worker?.terminate();
    this.#worker = null;
    const intervalMs = this.#intervalMs;
    this.#intervalMs = 0;
    this.setInterval(intervalMs);
  };
}
