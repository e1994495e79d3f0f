// Styles of <video-conference>: tiles (grid or spotlight) with side panels above a toolbar, status and
// notice overlays, and the height the pre-join screen (an element of its own) takes. From 320 px phones up.
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
  :host {
    --_gap: var(--video-conference-gap, 8px);
    --_accent: var(--video-conference-accent, #2563eb);
    position: relative;
    display: flex;
    flex-direction: column;
    box-sizing: border-box;
    /* The width of its container, and a height from the aspect ratio. Without an explicit width, a grid or
       flex container would size it from its height (min-height × 16/9 = 427 px) and it would overflow a
       phone-sized column. */
    width: 100%;
    min-width: 0;
    aspect-ratio: 16 / 9;
    min-height: 240px;
    overflow: hidden;
    border-radius: var(--video-conference-radius, 12px);
    background: var(--video-conference-background, var(--_bg));
    color: var(--video-conference-color, var(--_fg));
    font: 400 0.9375rem / 1.5 var(--video-conference-font, system-ui, sans-serif);
  }
  :host([hidden]) {
    display: none;
  }
  /* The pre-join screen is as tall as its content (a phone's screen is taller than 16:9 of its width),
     unless the page sets a height: then it scrolls inside. */
  :host(:state(prejoin)) {
    aspect-ratio: auto;
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
  .stage {
    flex: 1;
    min-width: 0;
    box-sizing: border-box;
    display: grid;
    gap: var(--_gap);
    padding: var(--_gap);
  }
  .stage.grid {
    grid-template-columns: repeat(var(--columns, 1), minmax(0, 1fr));
    grid-template-rows: repeat(var(--rows, 1), minmax(0, 1fr));
  }
  .stage.spotlight {
    grid-template-columns: repeat(var(--strip, 1), minmax(0, 1fr));
    grid-template-rows: minmax(0, 1fr) minmax(3.5rem, 22%);
  }
  .stage.spotlight > .main {
    order: -1;
    grid-column: 1 / -1;
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
  .control {
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
    background: var(--_scrim);
  }
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
