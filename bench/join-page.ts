// The page each bench:join participant opens, in Chromium or Firefox: the one-script-tag embed, a hook that
// joins (with a background, if asked) and times the first frames, and a sample of frames shown and sent.

/** What `window.sample()` returns: frames presented so far per tile (by peer id) and what is sent. */
export interface Sample {
  presented: Record<string, number>;
  /** Frames of one's own tile (the self-view shows the camera's track as sent, blurred or not). */
  own: number;
  /** Over every open peer connection of the page (to each peer in a mesh, to the SFU in an SFU room). */
  bytesSent: number;
  /** Per outgoing video stream (by connection and stream id): frames sent, and seconds held back by the CPU. */
  video: Record<string, { framesSent: number; cpuLimited: number; limitation: string }>;
  at: number;
}

/**
 * What `window.result` holds once the call is up: ms from join() to the first remote frame, to all, and to the
 * first frame of one's own tile (with a background on, the first one drawn by the effect); the background the
 * widget says it sends, and the errors it reported.
 */
export interface Timing {
  firstFrame: number;
  allLive: number;
  ownFirst: number;
  background: string;
  errors: string[];
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
  window.startCall = (room, name, adaptive, others, background) => {
    const result = {
      start: performance.now(),
      firstFrame: 0,
      allLive: 0,
      ownFirst: 0,
      presented: {},
      own: 0,
      background: 'none',
      errors: [],
    };
    window.result = result;
    const element = document.createElement('video-conference');
    element.setAttribute('room', room);
    element.setAttribute('name', name);
    if (!adaptive) element.setAttribute('fixed-quality', '');
    if (background !== 'none') element.setAttribute('background', background);
    element.addEventListener('vc-background-change', ({ detail }) => (result.background = detail.background));
    element.addEventListener('vc-error', ({ detail }) => result.errors.push(detail.code));
    // The effect's track comes from a canvas (Chromium gives it a deviceId too, but a canvas property).
    const drawn = () => {
      const track = element.localStream?.getVideoTracks()[0];
      return !!track && ('canvas' in track || !track.getSettings().deviceId);
    };
    const watch = () => {
      for (const tile of element.shadowRoot?.querySelectorAll('video-player') ?? []) {
        const video = tile.shadowRoot?.querySelector('video');
        const id = tile.getAttribute('peer-id');
        if (!video || video.dataset.watched) continue;
        video.dataset.watched = '1';
        // Frames counted by the browser as it presents them: Firefox's getVideoPlaybackQuality() counts none
        // for a MediaStream, and in Chromium this count equals its totalVideoFrames.
        const count = (_now, { presentedFrames }) => {
          const now = performance.now() - result.start;
          if (id === 'local') {
            if (!result.ownFirst && (background === 'none' || drawn())) result.ownFirst = now;
            result.own = presentedFrames;
          } else {
            if (!(id in result.presented)) {
              if (!result.firstFrame) result.firstFrame = now;
              if (Object.keys(result.presented).length + 1 >= others && !result.allLive) result.allLive = now;
            }
            result.presented[id] = presentedFrames;
          }
          video.requestVideoFrameCallback(count);
        };
        video.requestVideoFrameCallback(count);
      }
      // Closely until this one's first frames are timed, then enough to count the tiles of those who join later.
      setTimeout(watch, result.allLive && result.ownFirst ? 250 : 10);
    };
    document.body.append(element);
    watch();
  };
  window.sample = async () => {
    let bytesSent = 0;
    const video = {};
    for (const [c, pc] of window.connections.entries()) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((report) => {
        if (report.type !== 'outbound-rtp') return;
        bytesSent += report.bytesSent ?? 0;
        if (report.kind !== 'video') return;
        video[c + '/' + report.id] = {
          framesSent: report.framesSent ?? 0,
          cpuLimited: report.qualityLimitationDurations?.cpu ?? 0,
          limitation: report.qualityLimitationReason ?? 'none',
        };
      });
    }
    const { presented, own } = window.result;
    return { presented: { ...presented }, own, bytesSent, video, at: performance.now() };
  };
</script>`;
