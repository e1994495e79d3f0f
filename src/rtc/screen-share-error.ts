// Why sharing the screen failed, in codes of its own: a screen-share problem never reads as a camera one
// (https://w3c.github.io/mediacapture-screen-share/#dom-mediadevices-getdisplaymedia).
import { RtcError } from './errors.ts';
import { refusedByPermissionsPolicy } from './devices.ts';

/** Maps a getDisplayMedia rejection to an RtcError, or null for a picker the person cancelled (a choice). */
export function screenShareError(error: unknown): RtcError | null {
  const name = error instanceof DOMException ? error.name : '';
  // Cancelling and a refusal by the embedding iframe's Permissions Policy both reject with NotAllowedError.
  if (name === 'NotAllowedError' && !refusedByPermissionsPolicy(['display-capture']).length) return null;
  const [code, message] =
    name === 'NotAllowedError' || name === 'SecurityError'
      ? (['screen-share-refused', 'Screen sharing is blocked on this page.'] as const)
      : name === 'InvalidStateError' // Firefox: no user gesture (transient activation) before the call
        ? (['screen-share-needs-click', 'Screen sharing must start from a click.'] as const)
        : (['screen-share-unavailable', 'No screen can be shared here.'] as const);
  return new RtcError(code, message, { cause: error });
}
