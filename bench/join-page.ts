// The page each bench:join participant opens, in Chromium or Firefox: the one-script-tag embed, a hook that
// joins and times the first remote frames, and a sample of frames shown and upload for the frame rates.

/** What `window.sample()` returns: frames presented so far per remote tile, by peer id, and bytes sent so far. */
export interface Sample {
  presented: Record<string, number>;
  /** Over every open peer connection of the page (to each peer in a mesh, to the SFU in an SFU room). */
  bytesSent: number;
  at: number;
}

/** What `window.result` holds once the call is up: ms from join() to the first remote frame, and to all. */
export interface Timing {
  firstFrame: number;
  allLive: number;
}

export const joinPage = (relay: string) => `<!doctype html>
<meta charset="utf-8">
<style>video-conference { width: 640px; } body { margin: 0; }</style>
<script>
  // Every connection the page makes, for what it sends.
  window.connections = [];
  const Native = RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(configuration) {
      super(configuration);
      window.connections.push(this);
    }
  };
</script>
<script type="module" src="${relay}video-conference.js"></script>
<script type="module">
  window.startCall = (room, name, adaptive, others) => {
    const result = { start: performance.now(), firstFrame: 0, allLive: 0, presented: {} };
    window.result = result;
    const element = document.createElement('video-conference');
    element.setAttribute('room', room);
    element.setAttribute('name', name);
    if (!adaptive) element.setAttribute('fixed-quality', '');
    const watch = () => {
      for (const tile of element.shadowRoot?.querySelectorAll('video-player') ?? []) {
        const video = tile.shadowRoot?.querySelector('video');
        const id = tile.getAttribute('peer-id');
        if (!video || id === 'local' || video.dataset.watched) continue;
        video.dataset.watched = '1';
        // Frames counted by the browser as it presents them: Firefox's getVideoPlaybackQuality() counts none
        // for a MediaStream, and in Chromium this count equals its totalVideoFrames.
        const count = (_now, { presentedFrames }) => {
          if (!(id in result.presented)) {
            const now = performance.now() - result.start;
            if (!result.firstFrame) result.firstFrame = now;
            if (Object.keys(result.presented).length + 1 >= others && !result.allLive) result.allLive = now;
          }
          result.presented[id] = presentedFrames;
          video.requestVideoFrameCallback(count);
        };
        video.requestVideoFrameCallback(count);
      }
      // Closely until this one's first frames are timed, then enough to count the tiles of those who join later.
      setTimeout(watch, result.allLive ? 250 : 10);
    };
    document.body.append(element);
    watch();
  };
  window.sample = async () => {
    let bytesSent = 0;
    for (const pc of window.connections) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((report) => {
        if (report.type === 'outbound-rtp') bytesSent += report.bytesSent ?? 0;
      });
    }
    return { presented: { ...window.result.presented }, bytesSent, at: performance.now() };
  };
</script>`;
