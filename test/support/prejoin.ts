// Helpers for the pre-join screen's tests: reaching into it through the shadow roots, and asking what the
// person actually sees at a point of the page.
import type { VideoConference } from '../../src/components/video-conference/video-conference.ts';

/** The pre-join screen of `element` (its `prejoin` part), if shown. */
export function prejoinOf(element: VideoConference): HTMLElement | null {
  return element.shadowRoot!.querySelector<HTMLElement>('[part~=prejoin]');
}

/** The first match of `selector` in the pre-join screen (inside its own shadow root, if it has one). */
export function inPrejoin<T extends Element = HTMLElement>(element: VideoConference, selector: string): T | null {
  const screen = prejoinOf(element);
  return (screen?.shadowRoot ?? screen)?.querySelector<T>(selector) ?? null;
}

/** The device pickers of the pre-join screen. */
export function pickersOf(element: VideoConference): HTMLSelectElement[] {
  const settings = inPrejoin(element, 'video-conference-settings');
  const devices = '[part=camera-select], [part=microphone-select], [part=speaker-select]';
  return [...(settings?.shadowRoot?.querySelectorAll<HTMLSelectElement>(devices) ?? [])];
}

/** Types `text` into the pre-join screen's name field, as a person would. */
export function typeName(element: VideoConference, text: string): HTMLInputElement {
  const input = inPrejoin<HTMLInputElement>(element, '[part~=name-input]')!;
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  return input;
}

/** The innermost element at a point of the viewport, through every open shadow root on the way. */
export function elementAt(x: number, y: number): Element | null {
  let root: Document | ShadowRoot = document;
  let hit: Element | null = null;
  for (;;) {
    const next: Element | null = root.elementFromPoint(x, y);
    // A shadow root answers with its host (or beyond) where its own tree has nothing at that point.
    if (!next || next === hit || !root.contains(next)) return hit;
    hit = next;
    if (!next.shadowRoot) return hit;
    root = next.shadowRoot;
  }
}

/**
 * Whether `target` is wholly visible: at its centre and just inside each edge (not the corners, which are
 * rounded off), nothing else is on top of it and no scrolling box clips it.
 */
export function isVisible(target: Element): boolean {
  const { left, right, top, bottom } = target.getBoundingClientRect();
  const [x, y] = [(left + right) / 2, (top + bottom) / 2];
  const points = [
    [x, y],
    [x, top + 2],
    [x, bottom - 2],
    [left + 2, y],
    [right - 2, y],
  ] as const;
  return points.every(([x, y]) => {
    const hit = elementAt(x, y);
    return !!hit && (hit === target || target.contains(hit) || !!target.shadowRoot?.contains(hit));
  });
}

export function overlap(a: Element, b: Element): boolean {
  const one = a.getBoundingClientRect();
  const two = b.getBoundingClientRect();
  return one.left < two.right && two.left < one.right && one.top < two.bottom && two.top < one.bottom;
}
