// How large a tile shows its video, in device pixels, or that it does not show it (off-screen, in a hidden
// page, zero-sized); picture-in-picture counts as shown. Reports each change, and nothing until both the
// resize and the intersection observer have measured once: a size without its visibility would say
// "hidden" and pause the sender for nothing.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface View {
  width: number;
  height: number;
  visible: boolean;
}

export class ViewReporter implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #video: () => HTMLVideoElement | null;
  #report: (view: View) => void;
  /** What the two observers last said; `null` until each has said it once. */
  #size: { width: number; height: number } | null = null;
  #intersecting: boolean | null = null;
  #last = '';
  #resize = new ResizeObserver(([entry]) => {
    const size = entry!.devicePixelContentBoxSize?.[0] ?? entry!.contentBoxSize[0]!;
    this.#size = { width: Math.round(size.inlineSize), height: Math.round(size.blockSize) };
    this.update();
  });
  #intersection = new IntersectionObserver(([entry]) => {
    this.#intersecting = entry!.isIntersecting;
    this.update();
  });

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    video: () => HTMLVideoElement | null,
    report: (view: View) => void,
  ) {
    this.#host = host;
    this.#video = video;
    this.#report = report;
    host.addController(this);
  }

  hostConnected(): void {
    this.#resize.observe(this.#host);
    this.#intersection.observe(this.#host);
    document.addEventListener('visibilitychange', this.update);
  }

  hostDisconnected(): void {
    this.#resize.disconnect();
    this.#intersection.disconnect();
    document.removeEventListener('visibilitychange', this.update);
  }

  /** Reports the view again, changed or not: for listeners that now judge it differently. */
  resend(): void {
    this.#last = '';
    this.update();
  }

  /** Reports the view if it changed; also for the host to call when the video enters or leaves picture-in-picture. */
  update = (): void => {
    if (!this.#size || this.#intersecting === null) return;
    const { width, height } = this.#size;
    const video = this.#video();
    const inPip = !!video && document.pictureInPictureElement === video;
    const visible = inPip || (this.#intersecting && !document.hidden && width > 0 && height > 0);
    const key = `${visible}:${width}x${height}`;
    if (key === this.#last) return;
    this.#last = key;
    this.#report({ width, height, visible });
  };
}
