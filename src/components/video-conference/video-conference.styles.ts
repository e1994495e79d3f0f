// Styles of <video-conference>: tiles (grid or spotlight) with side panels above a toolbar, and the
// pre-join screen, status and notice overlays. From 320 px phones to large screens.
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
  :host(:fullscreen) {
    border-radius: 0;
  }
  .body {
    position: relative;
    flex: 1;
    display: flex;
    min-height: 0;
  }
  /* Tiles keep the video's 16:9 (a cell of another shape would crop people), sized in units of the stage's
     own size (cqw, cqh). */
  .stage {
    position: relative;
    flex: 1;
    min-width: 0;
    box-sizing: border-box;
    display: grid;
    place-items: center;
    gap: var(--_gap);
    padding: var(--_gap);
    container-type: size;
  }
  .stage > * {
    aspect-ratio: 16 / 9;
  }
  /* The grid: rows of --columns tiles, each as large as --rows rows allow, the last row centred. Each tile
     is a gap narrower than its share of the width (and of the height), so that rounding never wraps a row. */
  .stage.grid {
    display: flex;
    flex-wrap: wrap;
    place-content: center;
  }
  .stage.grid > * {
    width: min(100cqw / var(--columns) - var(--_gap), (100cqh / var(--rows) - var(--_gap)) * 16 / 9);
  }
  /* The spotlight: one large tile over a strip of the others. */
  .stage.spotlight {
    grid-template-columns: repeat(var(--strip, 1), minmax(0, 1fr));
    grid-template-rows: minmax(0, 1fr) minmax(3.5rem, 22%);
  }
  .stage.spotlight > * {
    width: min(100%, max(3.5rem, 22cqh) * 16 / 9);
  }
  .stage.spotlight > .main {
    order: -1;
    grid-column: 1 / -1;
    width: min(100%, (100cqh - max(3.5rem, 22cqh) - var(--_gap)) * 16 / 9);
  }
  /* Your own camera in a call of two: small, in a corner, over the other person's. */
  .stage > .pip {
    position: absolute;
    right: 1rem;
    bottom: 1rem;
    z-index: 1;
    width: clamp(7rem, 25%, 14rem);
  }
  .panel {
    flex: 0 0 min(20rem, 40%);
    min-width: 0;
    border-left: 1px solid var(--_line);
  }
  @media (max-width: 640px) {
    .panel {
      position: absolute;
      inset: 0;
      z-index: 2;
      border: 0;
    }
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 0.5rem;
    padding: 0.5rem;
  }
  .control,
  .prejoin button[type='submit'] {
    position: relative;
    display: grid;
    place-items: center;
    width: 2.75rem;
    height: 2.75rem;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: var(--_raised);
    color: inherit;
    cursor: pointer;
  }
  .control[aria-pressed='true'] {
    background: var(--_accent);
  }
  .control[part~='microphone-control'][aria-pressed='false'],
  .control[part~='camera-control'][aria-pressed='false'] {
    background: #5f2120;
  }
  .control.leave {
    width: 3.5rem;
    border-radius: 999px;
    background: var(--video-conference-danger, #d93025);
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
  button:focus-visible,
  input:focus-visible {
    outline: 2px solid currentColor;
    outline-offset: 2px;
  }
  .overlay,
  .prejoin {
    position: absolute;
    inset: 0;
    z-index: 3;
    display: grid;
    place-content: center;
    justify-items: center;
    gap: 0.75rem;
    padding: 1.5rem;
    text-align: center;
    background: var(--_scrim);
  }
  .prejoin {
    overflow-y: auto;
    background: var(--video-conference-background, var(--_bg));
  }
  .prejoin h2 {
    margin: 0;
    font-size: 1.125rem;
  }
  .prejoin .preview {
    width: min(24rem, 80vw);
    aspect-ratio: 16 / 9;
  }
  .prejoin-toggles {
    display: flex;
    gap: 0.5rem;
  }
  .name-field {
    display: grid;
    gap: 0.25rem;
    text-align: start;
  }
  .name-field input {
    padding: 0.4rem 0.6rem;
    border: 1px solid var(--_line);
    border-radius: 6px;
    background: transparent;
    color: inherit;
    font: inherit;
  }
  .prejoin button[type='submit'],
  .overlay button,
  .notice button[part='action'],
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
    background: rgb(0 0 0 / 70%);
    color: #fff;
    font-size: 0.8125rem;
  }
  .banner.notice {
    top: auto;
    bottom: 4rem;
    border-radius: 12px;
    background: var(--video-conference-notice-background, #5c3d00);
  }
  .banner .dismiss {
    padding: 0.1rem 0.5rem;
    border: 0;
    background: transparent;
    color: inherit;
    cursor: pointer;
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
