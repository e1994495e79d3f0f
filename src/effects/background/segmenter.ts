// Person segmentation: MediaPipe's ImageSegmenter (@mediapipe/tasks-vision) running the selfie model that
// @mediapipe/selfie_segmentation ships, both loaded from the relay; one small frame in, a person mask out.
import { ImageSegmenter, type ImageSegmenterResult } from '@mediapipe/tasks-vision';
import { withSegmenterMetadata } from './model-metadata.ts';
import { muteUsageReports } from './usage-reports.ts';

/** The landscape selfie model's input size: frames are drawn at this size, so the mask comes out at it too. */
export const MASK_WIDTH = 256;
export const MASK_HEIGHT = 144;

const WASM_LOADER = 'vision_wasm_module_internal.js';
const WASM_BINARY = 'vision_wasm_module_internal.wasm';
const MODEL = 'selfie_segmentation_landscape.tflite';

/** What MediaPipe's Emscripten loader (an ES module) exports: the factory tasks-vision looks for on `self`. */
interface LoaderModule {
  default: (module: object) => Promise<object>;
}

/**
 * A person segmenter: `segment()` fills `mask` from a frame, one byte per pixel, 255 for a person (clamped, as the
 * model's confidence may go a hair past 1).
 */
export class PersonSegmenter {
  /** The latest mask, MASK_WIDTH × MASK_HEIGHT, row 0 at the top; reused for every frame. */
  readonly mask = new Uint8ClampedArray(MASK_WIDTH * MASK_HEIGHT);
  readonly #segmenter: ImageSegmenter;
  readonly #input: HTMLCanvasElement;
  readonly #context: CanvasRenderingContext2D;
  #timestamp = 0;
  /** Bound once, so segmenting allocates no closure per frame. */
  readonly #onResult = (result: ImageSegmenterResult) => this.#copyMask(result);

  private constructor(segmenter: ImageSegmenter) {
    this.#segmenter = segmenter;
    this.#input = document.createElement('canvas');
    this.#input.width = MASK_WIDTH;
    this.#input.height = MASK_HEIGHT;
    // Uploaded into MediaPipe's own WebGL context each frame.
    this.#context = this.#input.getContext('2d')!;
  }

  /**
   * Loads the runtime and the model from `assets` (the relay's folder for this effect). The loader is imported
   * as a module, like the widget's own chunks, rather than injected as a <script> (tasks-vision's default), which
   * a page's script-src policy may refuse.
   */
  static async load(assets: URL): Promise<PersonSegmenter> {
    const [loader, model] = await Promise.all([
      import(new URL(WASM_LOADER, assets).href) as Promise<LoaderModule>,
      fetchBytes(new URL(MODEL, assets)),
    ]);
    // tasks-vision takes the factory from `self.ModuleFactory` when given no loader path, and clears it after. The
    // runtime's log lines ("Graph successfully started running", warnings through the `custom_dbg` global that
    // its loader sets) stay out of the page's console; its failures still reject.
    const scope = self as unknown as { ModuleFactory: LoaderModule['default']; custom_dbg: () => void };
    scope.custom_dbg = ignore;
    scope.ModuleFactory = (module) => loader.default({ ...module, print: ignore, printErr: ignore });
    // The CPU delegate (XNNPACK): 8 to 9 ms a frame in Chromium and Firefox on this project's 2-core test machine,
    // where the GPU delegate took 80 ms (Chromium's SwiftShader) and 41 ms (Firefox on Mesa's llvmpipe), and it
    // needs no read-back of the mask from a second WebGL context.
    const segmenter = await ImageSegmenter.createFromOptions(
      { wasmLoaderPath: '', wasmBinaryPath: new URL(WASM_BINARY, assets).href },
      {
        baseOptions: { modelAssetBuffer: withSegmenterMetadata(model), delegate: 'CPU' },
        runningMode: 'VIDEO',
        outputConfidenceMasks: true,
        outputCategoryMask: false,
      },
    );
    muteUsageReports(segmenter);
    return new PersonSegmenter(segmenter);
  }

  /** Segments the current picture of `source` into `mask`. */
  segment(source: CanvasImageSource): void {
    this.#context.drawImage(source, 0, 0, MASK_WIDTH, MASK_HEIGHT);
    // VIDEO mode wants strictly increasing timestamps.
    this.#timestamp = Math.max(this.#timestamp + 1, performance.now());
    this.#segmenter.segmentForVideo(this.#input, this.#timestamp, this.#onResult);
  }

  close(): void {
    this.#segmenter.close();
  }

  #copyMask(result: ImageSegmenterResult): void {
    // The selfie model has one output: the confidence that a pixel shows a person.
    const confidence = result.confidenceMasks?.[0]?.getAsFloat32Array();
    if (!confidence || confidence.length !== this.mask.length) return;
    for (let i = 0; i < confidence.length; i++) this.mask[i] = confidence[i]! * 255;
  }
}

const ignore = () => {};

async function fetchBytes(url: URL): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.href}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
