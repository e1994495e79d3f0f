// Styles of <video-conference>: a responsive grid of tiles with status and notice overlays.
import { css } from 'lit';

export const styles = css`
  :host {
    --_gap: var(--video-conference-gap, 8px);
    position: relative;
    display: block;
    aspect-ratio: 16 / 9;
    min-height: 240px;
    overflow: hidden;
    border-radius: var(--video-conference-radius, 12px);
    background: var(--video-conference-background, #0f1114);
    color: var(--video-conference-color, #fff);
    font: 400 0.9375rem / 1.5 var(--video-conference-font, system-ui, sans-serif);
  }
  :host([hidden]) {
    display: none;
  }
  .grid {
    position: absolute;
    inset: 0;
    box-sizing: border-box;
    display: grid;
    grid-template-columns: repeat(var(--columns, 1), minmax(0, 1fr));
    grid-template-rows: repeat(var(--rows, 1), minmax(0, 1fr));
    gap: var(--_gap);
    padding: var(--_gap);
  }
  .overlay {
    position: absolute;
    inset: 0;
    display: grid;
    place-content: center;
    justify-items: center;
    gap: 0.75rem;
    padding: 1.5rem;
    text-align: center;
    background: rgb(15 17 20 / 85%);
  }
  .banner {
    position: absolute;
    top: calc(var(--_gap) * 2);
    left: 50%;
    translate: -50% 0;
    display: flex;
    align-items: center;
    gap: 0.5rem;
    max-width: calc(100% - 2rem);
    padding: 0.35rem 0.5rem 0.35rem 0.85rem;
    border-radius: 999px;
    background: rgb(0 0 0 / 70%);
    font-size: 0.8125rem;
  }
  .banner.notice {
    top: auto;
    bottom: calc(var(--_gap) * 2);
    background: var(--video-conference-notice-background, #5c3d00);
  }
  button {
    padding: 0.4rem 1rem;
    border: 0;
    border-radius: 6px;
    background: var(--video-conference-accent, #3d7bfd);
    color: #fff;
    font: inherit;
    cursor: pointer;
  }
  button:focus-visible {
    outline: 2px solid #fff;
    outline-offset: 2px;
  }
  .banner button {
    padding: 0.1rem 0.5rem;
    background: transparent;
  }
`;
