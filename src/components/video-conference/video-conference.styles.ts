// Styles of <video-conference>: the stage (its tiles' own styles come with stage-view.ts) with side panels
// above a toolbar, status and notice overlays, and the height the pre-join screen (an element of its own)
// takes. From 320 px phones up.
import { css } from 'lit';

export const styles = css`
  /* The theme's palette, inherited by the tiles and panels: dark, light, or the system's (theme="auto"). */
  :host {
    --_bg: #0f1114;
    --_fg: #fff;
    --_raised: rgb(255 255 255 / 12%);
    --_line: rgb(255 255 255 / 12%);
    --_scrim: rgb(15 17 20 / 85%);
    --_tile: #1f2329;
    --_avatar: #3b4350;
    color-scheme: dark;
  }
  /* The light palette, twice: interpolating it would stop the build minifying this file. */
  :host([theme='light']) {
    --_bg: #f5f6f8;
    --_fg: #15171a;
    --_raised: rgb(0 0 0 / 8%);
    --_line: rgb(0 0 0 / 14%);
    --_scrim: rgb(245 246 248 / 92%);
    --_tile: #dde1e6;
    --_avatar: #b9c0c9;
    color-scheme: light;
  }
  @media (prefers-color-scheme: light) {
    :host([theme='auto']) {
      --_bg: #f5f6f8;
      --_fg: #15171a;
      --_raised: rgb(0 0 0 / 8%);
      --_line: rgb(0 0 0 / 14%);
      --_scrim: rgb(245 246 248 / 92%);
      --_tile: #dde1e6;
      --_avatar: #b9c0c9;
      color-scheme: light;
    }
  }
  /* The host is a block that page CSS may restyle (its display, its size); the layout lives on .frame, the
     wrapper of everything inside it. */
  :host {
    --_gap: var(--video-conference-gap, 8px);
    --_accent: var(--video-conference-accent, #2563eb);
    display: block;
    box-sizing: border-box;
    /* The width of its container, as a flex item too: a size container has no width of its own content. */
    width: 100%;
    min-width: 0;
    min-height: 240px;
    container-type: inline-size;
    overflow: hidden;
    border-radius: var(--video-conference-radius, 12px);
    background: var(--video-conference-background, var(--_bg));
    color: var(--video-conference-color, var(--_fg));
    font: 400 0.9375rem / 1.5 var(--video-conference-font, system-ui, sans-serif);
  }
  /* The call over the toolbar. As tall as the host when the page gives it a height (set, or stretched by a
     grid cell or a flex line); otherwise from its width: 16:9, taller in a narrow column or a phone. */
  .frame {
    position: relative;
    display: flex;
    flex-direction: column;
    width: 100%;
    height: 100%;
    min-height: 240px;
    aspect-ratio: 16 / 9;
  }
  @container (width < 600px) {
    .frame {
      aspect-ratio: 3 / 4;
      max-height: 100svh;
    }
  }
  :host([hidden]) {
    display: none;
  }
  /* The pre-join screen is as tall as its content (a phone's screen is taller than 16:9 of its width),
     unless the page sets a height: then it scrolls inside. */
  :host(:state(prejoin)) .frame {
    aspect-ratio: auto;
    max-height: none;
  }
  :host(:state(prejoin)) .body {
    display: none;
  }
  :host(:fullscreen) {
    border-radius: 0;
  }
  .body {
    position: relative;
    flex: 1;
    display: flex;
    min-height: 0;
  }
  .panel {
    flex: 0 0 min(20rem, 40%);
    min-width: 0;
    border-left: 1px solid var(--_line);
  }
  /* In a narrow widget, a panel is a sheet over the whole stage. */
  .narrow .panel {
    position: absolute;
    inset: 0;
    z-index: 2;
    border: 0;
  }
  /* Wraps rather than overflow: a centred row wider than its box would cut off buttons on both sides. */
  .controls {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 0.5rem;
    padding: 0.5rem;
  }
  /* The toolbar's buttons are shared/control-styles.ts; leave is a red pill. */
  .control.leave {
    width: 3.5rem;
    border-radius: 999px;
    background: var(--video-conference-danger, #d93025);
    color: #fff;
  }
  /* Tooltips, on hover and on keyboard focus (a title attribute shows late, and never on focus or touch). */
  .controls > .control:is(:hover, :focus-visible)::after,
  .more > .control:is(:hover, :focus-visible)::after {
    content: attr(data-tip);
    position: absolute;
    bottom: calc(100% + 0.4rem);
    z-index: 4;
    padding: 0.2rem 0.5rem;
    border-radius: 4px;
    background: #202124;
    color: #fff;
    font-size: 0.75rem;
    white-space: nowrap;
    pointer-events: none;
  }
  .controls > .control:first-child::after {
    left: 0;
  }
  .controls > .leave::after {
    right: 0;
  }
  .more {
    position: relative;
  }
  .menu {
    position: absolute;
    right: 0;
    bottom: calc(100% + 0.5rem);
    z-index: 4;
    display: grid;
    min-width: 12rem;
    padding: 0.25rem;
    border-radius: 8px;
    background: var(--_tile);
    box-shadow: 0 4px 16px rgb(0 0 0 / 40%);
  }
  .menu[hidden] {
    display: none;
  }
  .menu .control {
    display: flex;
    gap: 0.75rem;
    width: auto;
    padding: 0 0.75rem;
    border-radius: 6px;
    background: transparent;
    color: inherit;
    text-align: start;
  }
  .menu .control[aria-pressed='true'] {
    background: var(--_raised);
  }
  .unread {
    position: absolute;
    top: -0.2rem;
    right: -0.2rem;
    min-width: 1.1rem;
    padding: 0 0.25rem;
    border-radius: 999px;
    background: var(--video-conference-danger, #d93025);
    font-size: 0.7rem;
    line-height: 1.1rem;
  }
  button:focus-visible {
    outline: 2px solid currentColor;
    outline-offset: 2px;
  }
  .overlay {
    position: absolute;
    inset: 0;
    z-index: 3;
    display: grid;
    place-content: center;
    justify-items: center;
    gap: 0.75rem;
    padding: 1.5rem;
    text-align: center;
    /* The scrim over the widget's own background: opaque, so no tile or button shows through. */
    background: linear-gradient(var(--_scrim), var(--_scrim)), var(--video-conference-background, var(--_bg));
  }
  /* Every action button (in the overlays, the banners, the notice, the invitation card), whichever chunk
     renders it into this shadow root. */
  [part~='action'],
  .enable-audio {
    width: auto;
    height: auto;
    padding: 0.4rem 1.25rem;
    border: 0;
    border-radius: 6px;
    background: var(--_accent);
    color: #fff;
    font: inherit;
    cursor: pointer;
  }
  .dismiss {
    padding: 0.1rem 0.5rem;
    border: 0;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  .enable-audio {
    position: absolute;
    top: calc(var(--_gap) * 2);
    right: calc(var(--_gap) * 2);
    z-index: 2;
  }
  .banner {
    position: absolute;
    top: calc(var(--_gap) * 2);
    left: 50%;
    z-index: 2;
    translate: -50% 0;
    display: flex;
    align-items: center;
    gap: 0.5rem;
    max-width: calc(100% - 2rem);
    padding: 0.35rem 0.5rem 0.35rem 0.85rem;
    border-radius: 999px;
    /* Opaque like the overlay, in the theme's colours (the text inherits them). */
    background: linear-gradient(var(--_scrim), var(--_scrim)), var(--video-conference-background, var(--_bg));
    font-size: 0.8125rem;
  }
  /* At the top, clear of the tiles' names and the floating self-view. */
  .toast {
    position: absolute;
    top: calc(var(--_gap) * 2);
    left: 50%;
    z-index: 2;
    translate: -50% 0;
    padding: 0.35rem 0.85rem;
    border-radius: 12px;
    background: rgb(0 0 0 / 75%);
    color: #fff;
    font-size: 0.8125rem;
    pointer-events: none;
  }
  /* Read by screen readers, not shown. */
  .announcer {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;
