// Gives a MediaRecorder WebM its duration, which MediaRecorder leaves out (a player then shows no length and a
// download does not seek): a Duration element added to the Segment's Info, in the header's first bytes, while the
// recorded media after it is passed on as it is, never copied.

// Element IDs (https://www.matroska.org/technical/elements.html), with their length markers.
const EBML_ID = 0x1a45dfa3;
const SEGMENT_ID = 0x18538067;
const INFO_ID = 0x1549a966;
const TIMESTAMP_SCALE_ID = 0x2ad7b1;
const DURATION_ID = 0x4489;
const CLUSTER_ID = 0x1f43b675;
// The header (EBML header, Info, Tracks) takes well under a kilobyte of this.
const HEAD_BYTES = 64 * 1024;
const DEFAULT_TIMESTAMP_SCALE = 1_000_000;

interface Element {
  id: number;
  /** Where the element starts (its ID). */
  at: number;
  /** Where its content starts, and its size, or null when unknown (a live stream's Segment and Clusters). */
  start: number;
  size: number | null;
  /** How many bytes its size takes. */
  sizeLength: number;
}

/**
 * `recording` with a Duration of `durationMs` in its Info, or as it is if it has one already or is not a WebM
 * this understands.
 */
export async function withDuration(recording: Blob, durationMs: number): Promise<Blob> {
  const head = new Uint8Array(await recording.slice(0, HEAD_BYTES).arrayBuffer());
  const ebml = readElement(head, 0);
  const segment = ebml?.id === EBML_ID && ebml.size !== null ? readElement(head, ebml.start + ebml.size) : null;
  if (segment?.id !== SEGMENT_ID) return recording;
  const info = children(head, segment).find((child) => child.id === INFO_ID);
  if (!info || info.size === null) return recording;
  const scale = children(head, info).find((child) => child.id === TIMESTAMP_SCALE_ID);
  const ticks = (durationMs * 1e6) / (scale ? readUint(head, scale) : DEFAULT_TIMESTAMP_SCALE);
  // Firefox writes a Duration of 0: overwritten in place.
  const existing = children(head, info).find((child) => child.id === DURATION_ID);
  if (existing) {
    if (existing.size !== 4 && existing.size !== 8) return recording;
    const value = new DataView(head.buffer, existing.start, existing.size);
    if ((existing.size === 4 ? value.getFloat32(0) : value.getFloat64(0)) > 0) return recording;
    const float = new DataView(new ArrayBuffer(existing.size));
    if (existing.size === 4) float.setFloat32(0, ticks);
    else float.setFloat64(0, ticks);
    return new Blob([head.subarray(0, existing.start), float, recording.slice(existing.start + existing.size)], {
      type: recording.type,
    });
  }

  // Chromium writes none: a Duration is added at the end of Info, which grows (no SeekHead entry points past it:
  // Chromium writes no SeekHead, Firefox an empty one). Duration: ID, a size of 8, a float64.
  const duration = new Uint8Array(11);
  duration.set([0x44, 0x89, 0x88]);
  new DataView(duration.buffer).setFloat64(3, ticks);
  const infoContent = head.subarray(info.start, info.start + info.size);
  const newInfo = [idBytes(INFO_ID), sizeBytes(info.size + duration.length, info.sizeLength), infoContent, duration];
  const grown = newInfo.reduce((total, part) => total + part.length, 0) - (info.start + info.size - info.at);
  // A Segment of known size (not a live recording's) grows by as much; a live one's is unknown and stays so.
  const segmentHeader =
    segment.size === null
      ? [head.subarray(0, info.at)]
      : [
          head.subarray(0, segment.at),
          idBytes(SEGMENT_ID),
          sizeBytes(segment.size + grown, segment.sizeLength),
          head.subarray(segment.start, info.at),
        ];
  return new Blob([...segmentHeader, ...newInfo, recording.slice(info.start + info.size)], { type: recording.type });
}

/** The elements directly inside `parent`, up to the first Cluster or the end of what `bytes` holds of it. */
function children(bytes: Uint8Array, parent: Element): Element[] {
  const found: Element[] = [];
  const end = parent.size === null ? bytes.length : Math.min(bytes.length, parent.start + parent.size);
  for (let at = parent.start; at < end;) {
    const child = readElement(bytes, at);
    if (!child || child.id === CLUSTER_ID || child.size === null) break;
    found.push(child);
    at = child.start + child.size;
  }
  return found;
}

/** The element header at `at` (RFC 8794: an ID and a size, each a variable-length integer). */
function readElement(bytes: Uint8Array, at: number): Element | null {
  const id = readVint(bytes, at, true);
  if (!id) return null;
  const size = readVint(bytes, at + id.length, false);
  if (!size) return null;
  const start = at + id.length + size.length;
  return { id: id.value, at, start, size: size.allOnes ? null : size.value, sizeLength: size.length };
}

/**
 * A variable-length integer: its value with the length marker kept (an ID, at most 4 bytes) or cleared (a size:
 * exact below 2^53, far beyond any header), its length, and whether all its value bits are set (an unknown size).
 */
function readVint(
  bytes: Uint8Array,
  at: number,
  keepMarker: boolean,
): { value: number; length: number; allOnes: boolean } | null {
  const first = bytes[at];
  // A first byte of zero would mean a length over 8, which WebM never uses.
  if (!first) return null;
  const length = Math.clz32(first) - 23;
  if (at + length > bytes.length) return null;
  const mask = 0xff >> length;
  let value = keepMarker ? first : first & mask;
  let allOnes = (first & mask) === mask;
  for (let index = 1; index < length; index++) {
    const byte = bytes[at + index]!;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { value, length, allOnes };
}

function readUint(bytes: Uint8Array, element: Element): number {
  let value = 0;
  for (let index = 0; index < element.size!; index++) value = value * 256 + bytes[element.start + index]!;
  return value;
}

function idBytes(id: number): Uint8Array<ArrayBuffer> {
  const bytes: number[] = [];
  for (let rest = id; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Uint8Array.from(bytes);
}

/** `size` as a variable-length integer of at least `length` bytes. */
function sizeBytes(size: number, length: number): Uint8Array<ArrayBuffer> {
  while (size >= 2 ** (7 * length) - 1) length++;
  const bytes = new Uint8Array(length);
  let rest = size;
  for (let index = length - 1; index >= 0; index--) {
    bytes[index] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  bytes[0]! |= 0x80 >> (length - 1);
  return bytes;
}
