// Gives the selfie segmentation model of @mediapipe/selfie_segmentation the TFLite metadata that tasks-vision's
// ImageSegmenter needs (how to scale the input image to the float range the model expects): the model predates it.
//
// A FlatBuffer edit in place of a copy of the model in the repository: a new root Model table (the old fields,
// one more buffer holding the metadata, and a metadata entry naming it) goes right after the file's 8-byte header;
// the rest of the file moves by the block's size, a multiple of 64 bytes, so its relative offsets and alignment
// hold. FlatBuffer offsets point forward only, which inserting before everything else allows.

/** What the block is made of: tables (fields by index), vectors, strings, and objects already in the file. */
type Node =
  | { table: Array<Field | undefined> }
  | { vector: Node[] }
  | { floats: number[] }
  | { bytes: Uint8Array }
  | { string: string }
  | { at: number };
type Field = Node | { byte: number } | { uint: number };

/** The model's input is an RGB image in [0, 1] (the legacy graph's range): (pixel - 0) / 255. */
const METADATA: Node = {
  table: [
    undefined, // name
    undefined, // description
    undefined, // version
    {
      // subgraph_metadata
      vector: [
        {
          table: [
            undefined,
            undefined,
            {
              // input_tensor_metadata: name, description, dimension_names, content, process_units
              vector: [
                {
                  table: [
                    { string: 'image' },
                    undefined,
                    undefined,
                    // content: ImageProperties (union type 2) in RGB (1)
                    { table: [{ byte: 2 }, { table: [{ byte: 1 }] }] },
                    // process_units: NormalizationOptions (union type 1), mean 0, std 255
                    { vector: [{ table: [{ byte: 1 }, { table: [{ floats: [0] }, { floats: [255] }] }] }] },
                  ],
                },
              ],
            },
            // output_tensor_metadata: the segmenter reads the last one for labels (it has none)
            { vector: [{ table: [{ string: 'segmentation' }] }] },
          ],
        },
      ],
    },
  ],
};

/** The Model table's fields that are not offsets (`version`), and the two this edit replaces. */
const MODEL_VERSION = 0;
const MODEL_BUFFERS = 4;
const MODEL_METADATA = 6;
const HEADER = 8;
const BLOCK_ALIGN = 64;

/** `model` (a TFLite FlatBuffer without metadata) with ImageSegmenter's metadata added. */
export function withSegmenterMetadata(model: Uint8Array): Uint8Array {
  const view = new DataView(model.buffer, model.byteOffset, model.byteLength);
  const u32 = (at: number) => view.getUint32(at, true);
  const target = (at: number) => at + u32(at);
  const vectorTargets = (at: number) => Array.from({ length: u32(at) }, (_, i) => target(at + 4 + 4 * i));

  const root = u32(0);
  const vtable = root - view.getInt32(root, true);
  const fieldCount = (view.getUint16(vtable, true) - 4) / 2;
  const field = (index: number) => {
    const offset = index < fieldCount ? view.getUint16(vtable + 4 + 2 * index, true) : 0;
    return offset ? root + offset : 0;
  };
  if (field(MODEL_METADATA)) throw new Error('the model already has metadata');
  const oldBuffers = vectorTargets(target(field(MODEL_BUFFERS)));

  const metadata = new Writer(0);
  metadata.u32(0);
  for (const char of 'M001') metadata.u8(char.charCodeAt(0));
  metadata.setU32(0, metadata.write(METADATA));

  const build = (shift: number) => {
    const moved = (at: number): Node => ({ at: at + shift });
    const fields: Array<Field | undefined> = [];
    for (let index = 0; index < Math.max(fieldCount, MODEL_METADATA + 1); index++) {
      const at = field(index);
      if (index === MODEL_BUFFERS) {
        fields.push({ vector: [...oldBuffers.map(moved), { table: [{ bytes: metadata.result() }] }] });
      } else if (index === MODEL_METADATA) {
        fields.push({ vector: [{ table: [{ string: 'TFLITE_METADATA' }, { uint: oldBuffers.length }] }] });
      } else if (!at) {
        fields.push(undefined);
      } else {
        fields.push(index === MODEL_VERSION ? { uint: u32(at) } : moved(target(at)));
      }
    }
    const block = new Writer(HEADER);
    const table = block.write({ table: fields });
    return { table, bytes: block.result() };
  };
  const shift = Math.ceil(build(0).bytes.length / BLOCK_ALIGN) * BLOCK_ALIGN;
  const { table, bytes } = build(shift);

  const edited = new Uint8Array(model.length + shift);
  edited.set(model.subarray(0, HEADER));
  new DataView(edited.buffer).setUint32(0, table, true);
  edited.set(bytes, HEADER);
  edited.set(model.subarray(HEADER), HEADER + shift);
  return edited;
}

/** Writes FlatBuffer objects front to back: a parent first, then its children, so every offset points forward. */
class Writer {
  readonly #base: number;
  #bytes = new Uint8Array(256);
  #view = new DataView(this.#bytes.buffer);
  #length = 0;

  /** `base`: where the first byte written will sit in the final file. */
  constructor(base: number) {
    this.#base = base;
  }

  /** Writes `node` and everything under it; returns its position (what an offset to it points at). */
  write(node: Node): number {
    if ('at' in node) return node.at;
    if ('string' in node) {
      const bytes = new TextEncoder().encode(node.string);
      this.#align(4);
      const at = this.#position;
      this.u32(bytes.length);
      bytes.forEach((byte) => this.u8(byte));
      this.u8(0);
      return at;
    }
    if ('floats' in node) {
      this.#align(4);
      const at = this.#position;
      this.u32(node.floats.length);
      for (const value of node.floats) this.#grow(4).setFloat32(this.#length - 4, value, true);
      return at;
    }
    if ('bytes' in node) {
      // A buffer's data is 16-byte aligned (force_align in TFLite's schema).
      this.#align(16, 4);
      const at = this.#position;
      this.u32(node.bytes.length);
      node.bytes.forEach((byte) => this.u8(byte));
      return at;
    }
    if ('vector' in node) {
      this.#align(4);
      const at = this.#position;
      this.u32(node.vector.length);
      const slots = node.vector.map(() => this.#slot());
      node.vector.forEach((child, i) => this.#point(slots[i]!, this.write(child)));
      return at;
    }
    return this.#table(node.table);
  }

  u8(value: number): void {
    this.#grow(1).setUint8(this.#length - 1, value);
  }

  u32(value: number): void {
    this.#grow(4).setUint32(this.#length - 4, value, true);
  }

  setU32(position: number, value: number): void {
    this.#view.setUint32(position - this.#base, value, true);
  }

  result(): Uint8Array {
    return this.#bytes.slice(0, this.#length);
  }

  get #position(): number {
    return this.#base + this.#length;
  }

  /** A vtable (field offsets) then the table: its vtable offset, then a 4-byte slot per field present. */
  #table(fields: Array<Field | undefined>): number {
    const vtableSize = 4 + 2 * fields.length;
    this.#align(4, vtableSize);
    const vtable = this.#position;
    this.#grow(2).setUint16(this.#length - 2, vtableSize, true);
    this.#grow(2).setUint16(this.#length - 2, 4 + 4 * fields.filter(Boolean).length, true);
    let offset = 4;
    for (const value of fields) {
      this.#grow(2).setUint16(this.#length - 2, value ? offset : 0, true);
      if (value) offset += 4;
    }
    const table = this.#position;
    this.#grow(4).setInt32(this.#length - 4, table - vtable, true);
    const children: Array<[number, Node]> = [];
    for (const value of fields) {
      if (!value) continue;
      if ('byte' in value) this.u32(value.byte);
      else if ('uint' in value) this.u32(value.uint);
      else children.push([this.#slot(), value]);
    }
    for (const [slot, child] of children) this.#point(slot, this.write(child));
    return table;
  }

  /** Reserves an offset to fill in once its target is written. */
  #slot(): number {
    const at = this.#position;
    this.u32(0);
    return at;
  }

  #point(slot: number, target: number): void {
    this.setU32(slot, target - slot);
  }

  /** Pads until `ahead` bytes from here is a multiple of `alignment`. */
  #align(alignment: number, ahead = 0): void {
    while ((this.#position + ahead) % alignment) this.u8(0);
  }

  #grow(count: number): DataView {
    if (this.#length + count > this.#bytes.length) {
      const bytes = new Uint8Array(Math.max(this.#bytes.length * 2, this.#length + count));
      bytes.set(this.#bytes);
      this.#bytes = bytes;
      this.#view = new DataView(bytes.buffer);
    }
    this.#length += count;
    return this.#view;
  }
}
