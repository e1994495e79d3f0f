// The keyboard shortcuts, as in Google Meet: Ctrl+D (⌘D on a Mac) the microphone, Ctrl+E the camera,
// Ctrl+Alt+H a raised hand, Ctrl+Alt+C the chat. Always with a modifier, so typing never triggers one, and
// none for screen sharing. Matched by physical key (event.code), which Alt does not change on a Mac.

/** Toolbar button → [physical key, needs Alt]. */
export const SHORTCUTS = {
  microphone: ['KeyD', false],
  camera: ['KeyE', false],
  hand: ['KeyH', true],
  chat: ['KeyC', true],
} as const;

export type Shortcut = keyof typeof SHORTCUTS;

const MAC = /Mac|iP/.test(navigator.platform);

/** The toolbar button a key press stands for, if any: never for a key held down or with Shift. */
export function shortcutFor(event: KeyboardEvent): Shortcut | null {
  if (!(MAC ? event.metaKey : event.ctrlKey) || event.shiftKey || event.repeat) return null;
  const entries = Object.entries(SHORTCUTS) as [Shortcut, (typeof SHORTCUTS)[Shortcut]][];
  return entries.find(([, [code, alt]]) => code === event.code && alt === event.altKey)?.[0] ?? null;
}

/** How a tooltip writes a button's shortcut: `Ctrl+Alt+H`, or `⌘⌥H` on a Mac. */
export function shortcutLabel(name: string): string | undefined {
  const shortcut = (SHORTCUTS as Record<string, (typeof SHORTCUTS)[Shortcut] | undefined>)[name];
  if (!shortcut) return undefined;
  const [code, alt] = shortcut;
  return (MAC ? '⌘' : 'Ctrl+') + (alt ? (MAC ? '⌥' : 'Alt+') : '') + code.slice(3);
}
