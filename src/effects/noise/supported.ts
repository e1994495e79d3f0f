// Whether this browser can run noise suppression, answered without loading it, so the option can be hidden
// before the effect's chunk is ever fetched.

/** Whether this browser can run it (AudioWorklet, WebAssembly): sync, cheap, no loading. */
export function noiseSuppressionSupported(): boolean {
  return (
    typeof AudioWorkletNode === 'function' &&
    typeof MediaStreamAudioDestinationNode === 'function' &&
    typeof WebAssembly === 'object'
  );
}
