// Whether this browser can run the background effect, answered without loading it: small enough for the main
// bundle, so the option can be hidden before the effect's chunk is ever fetched.

/**
 * The smallest WebAssembly module that uses a SIMD instruction (`v128.const` in a function body): the effect
 * ships only the SIMD build of MediaPipe's runtime, which every current browser runs.
 */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 11,
]);

let supported: boolean | undefined;

/** Whether this browser can run the effect (WebGL2 or WebGL, canvas.captureStream, WebAssembly with SIMD). */
export function backgroundSupported(): boolean {
  supported ??= probe();
  return supported;
}

function probe(): boolean {
  if (typeof document === 'undefined' || typeof WebAssembly !== 'object') return false;
  if (typeof HTMLCanvasElement.prototype.captureStream !== 'function') return false;
  try {
    if (!WebAssembly.validate(SIMD_PROBE)) return false;
  } catch {
    return false;
  }
  // Whether the browser has WebGL at all; creating a context here would cost more than this check should
  // (a context the GPU refuses later makes startBackgroundEffect reject with effect-unsupported).
  return 'WebGL2RenderingContext' in globalThis || 'WebGLRenderingContext' in globalThis;
}
