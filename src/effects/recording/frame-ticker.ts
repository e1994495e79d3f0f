// The drawing loop of a recording, which must keep its frame rate while the tab is hidden: there,
// requestAnimationFrame stops and timers fire once a second at best. Each frame races a timer against the audio
// clock (a silent ConstantSourceNode scheduled to end at the frame's time, whose `ended` event background tabs do
// not hold back); whichever comes first draws. No Worker: one from a blob: URL needs `worker-src blob:` in a
// page's Content-Security-Policy, and one from the relay's origin is refused on any other page.

/**
 * Calls `tick` about `fps` times a second until the returned function is called. The audio clock is used only
 * while `context` runs (a suspended one would hold every node scheduled on it); `into` is a node of `context`
 * that is pulled without being heard (the recording's mix: the nodes add silence to it). When `tick` takes
 * longer than a frame, frames are dropped rather than bunched.
 */
export function startTicker(context: AudioContext, into: AudioNode, fps: number, tick: () => void): () => void {
  const period = 1000 / fps;
  let due = performance.now() + period;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let clock: ConstantSourceNode | undefined;
  let stopped = false;

  const clear = () => {
    clearTimeout(timer);
    if (!clock) return;
    clock.onended = null;
    clock.disconnect();
    clock = undefined;
  };
  const fire = () => {
    clear();
    if (stopped) return;
    tick();
    const now = performance.now();
    due += period;
    // Behind by a frame or more (a busy machine, or a timer held back): drop the frames missed.
    if (due <= now) due = now + period;
    schedule();
  };
  const schedule = () => {
    const wait = Math.max(0, due - performance.now());
    timer = setTimeout(fire, wait);
    if (context.state !== 'running') return;
    clock = context.createConstantSource();
    clock.offset.value = 0;
    clock.connect(into);
    clock.onended = fire;
    clock.start();
    clock.stop(context.currentTime + wait / 1000);
  };

  schedule();
  return () => {
    stopped = true;
    clear();
  };
}
