// Adaptive sending: each receiver says how large it shows our video (or that it does not show it), and
// the uplink budget is shared across peers. This decides each peer's video encoding: no 720p to a
// thumbnail, nothing to a hidden tile, and when the budget is tight, lower resolution first, then frame
// rate, then thumbnails only. Audio is never touched. Pure: views in, encodings out.

/** How a receiver shows our video, in device pixels. */
export interface View {
  width: number;
  height: number;
  visible: boolean;
}

export interface VideoEncoding {
  active: boolean;
  scaleResolutionDownBy: number;
  /** bit/s */
  maxBitrate: number;
  maxFramerate: number;
}

export interface PeerDemand {
  /** What the receiver reported; null until it has. */
  view: View | null;
  /** Extra steps down because the browser reported a CPU or bandwidth limit for this peer. */
  penalty: number;
}

/** Until a receiver has said how large it shows us, assume a mid-sized tile. */
const UNKNOWN_VIEW: View = { width: 640, height: 360, visible: true };
const MIN_HEIGHT = 90;

/** Each step lowers quality a little more: resolution first, then frame rate, then thumbnails only. */
const LADDER: ReadonlyArray<{ scale: number; cap: number; fps: number }> = [
  { scale: 1, cap: Infinity, fps: 30 },
  { scale: 0.75, cap: Infinity, fps: 30 },
  { scale: 0.5, cap: Infinity, fps: 30 },
  { scale: 0.5, cap: Infinity, fps: 15 },
  { scale: 1, cap: 180, fps: 15 },
  { scale: 1, cap: 90, fps: 8 },
];

/** Roughly what VP8 needs for a clear picture at 30 fps, by height (kbit/s), interpolated between rows. */
const BITRATES: ReadonlyArray<[height: number, kbps: number]> = [
  [90, 60],
  [180, 150],
  [270, 250],
  [360, 400],
  [540, 800],
  [720, 1500],
  [1080, 2500],
];

export function kbpsFor(height: number, fps: number): number {
  const [first] = BITRATES;
  let kbps = first![1];
  for (let i = 1; i < BITRATES.length; i++) {
    const [h0, k0] = BITRATES[i - 1]!;
    const [h1, k1] = BITRATES[i]!;
    if (height >= h1) kbps = k1;
    else if (height > h0) kbps = k0 + ((height - h0) / (h1 - h0)) * (k1 - k0);
  }
  return Math.round(kbps * (fps >= 30 ? 1 : fps >= 15 ? 0.6 : 0.4));
}

/**
 * The encodings that fit `budgetKbps`: the best step of the ladder, the same for everyone, at which the
 * total fits, plus each peer's own penalty. `sourceHeight` is our camera's height.
 */
export function allocate(
  demands: Map<string, PeerDemand>,
  sourceHeight: number,
  budgetKbps: number,
): Map<string, VideoEncoding> {
  const plan = (level: number) =>
    new Map(
      [...demands].map(([id, { view, penalty }]) => [
        id,
        encodingAt(view ?? UNKNOWN_VIEW, sourceHeight, level + penalty),
      ]),
    );
  for (let level = 0; level < LADDER.length; level++) {
    const encodings = plan(level);
    const total = [...encodings.values()].reduce((sum, e) => sum + (e.active ? e.maxBitrate : 0), 0) / 1000;
    if (total <= budgetKbps || level === LADDER.length - 1) return encodings;
  }
  return plan(LADDER.length - 1);
}

function encodingAt(view: View, sourceHeight: number, level: number): VideoEncoding {
  const step = LADDER[Math.min(level, LADDER.length - 1)]!;
  if (!view.visible || view.height <= 0 || sourceHeight <= 0) {
    return { active: false, scaleResolutionDownBy: 1, maxBitrate: 0, maxFramerate: step.fps };
  }
  const height = Math.max(MIN_HEIGHT, Math.min(sourceHeight, view.height * step.scale, step.cap));
  return {
    active: true,
    scaleResolutionDownBy: Math.max(1, Math.round((sourceHeight / height) * 100) / 100),
    maxBitrate: kbpsFor(height, step.fps) * 1000,
    maxFramerate: step.fps,
  };
}

/** A limit the browser reports on our video to a peer (qualityLimitationReason). */
export type Limit = 'cpu' | 'bandwidth';

/**
 * The limit one stats sample shows on our video to a peer: the browser's own verdict when it gives one, else
 * `bandwidth` when its estimate of what it can send that peer is below what we allot that peer's video. On a
 * slow link the browser often just lowers the bitrate at the same resolution and reports no limit, while we
 * go on allotting more than the link carries.
 */
export function limitOf(
  limitation: 'none' | 'cpu' | 'bandwidth' | 'other',
  availableKbps: number | null,
  allotted: VideoEncoding | undefined,
): Limit | null {
  if (limitation === 'cpu' || limitation === 'bandwidth') return limitation;
  const short = !!allotted?.active && availableKbps !== null && availableKbps * 1000 < allotted.maxBitrate;
  return short ? 'bandwidth' : null;
}

/**
 * Samples in a row with a limit before a peer is stepped down. CPU: two, as one alone is often a passing
 * spike. Bandwidth: five, as a new connection's bandwidth estimate ramps up for several seconds (longer on a
 * loaded machine), during which the browser already lowers resolution by itself; stepping down then would
 * only cap what the estimate may grow into, and double the time to full quality.
 */
const LIMITED_SAMPLES: Record<Limit, number> = { cpu: 2, bandwidth: 5 };
/** Samples in a row without a limit before a peer is stepped back up. */
const CALM_SAMPLES = 3;
const MAX_PENALTY = 3;

/** How many samples in a row were limited, or calm. */
export interface LimitStreak {
  limited: number;
  calm: number;
}

/**
 * Follows one sample of the browser's verdict on our video to a peer (held back by CPU or bandwidth, or
 * not): a limit that persists steps the peer's `penalty` up, a calm spell steps it back. Returns whether
 * the penalty changed.
 */
export function followLimit(demand: PeerDemand, streak: LimitStreak, limit: Limit | null): boolean {
  if (limit) {
    streak.calm = 0;
    if (++streak.limited < LIMITED_SAMPLES[limit] || demand.penalty >= MAX_PENALTY) return false;
    streak.limited = 0;
    demand.penalty++;
    return true;
  }
  streak.limited = 0;
  if (demand.penalty === 0 || ++streak.calm < CALM_SAMPLES) return false;
  streak.calm = 0;
  demand.penalty--;
  return true;
}
