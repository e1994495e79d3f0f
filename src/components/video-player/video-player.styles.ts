// Styles of <video-player>: the video fills the tile; an avatar stands in when there is no video; the name,
// indicators and tile buttons sit on top.
import { css } from 'lit';

export const styles = css`
  :host {
    position: relative;
    display: block;
    overflow: hidden;
    border-radius: var(--video-player-radius, 8px);
    background: var(--video-player-background, var(--_tile, #1f2329));
    color: var(--video-player-color, var(--_fg, #fff));
    min-width: 0;
    min-height: 0;
    outline: 3px solid transparent;
    outline-offset: -3px;
    transition: outline-color 0.2s;
  }
  :host([speaking]) {
    outline-color: var(--video-player-speaking-color, #3ddc84);
  }
  video {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: var(--video-player-fit, cover);
  }
  :host([screen]) video {
    object-fit: contain;
  }
  video[hidden] {
    display: none;
  }
  :host([mirrored]:not([screen])) video {
    transform: scaleX(-1);
  }
  .avatar {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    align-content: center;
    gap: 0.75rem;
  }
  .avatar button {
    padding: 0.4rem 1.25rem;
    border: 0;
    border-radius: 6px;
    background: var(--video-conference-danger, #d93025);
    color: #fff;
    font: inherit;
    cursor: pointer;
  }
  .avatar span {
    display: grid;
    place-items: center;
    width: clamp(2.5rem, 30%, 6rem);
    aspect-ratio: 1;
    border-radius: 50%;
    background: var(--video-player-avatar-background, var(--_avatar, #3b4350));
    font:
      600 clamp(1rem, 4vw, 2rem) / 1 system-ui,
      sans-serif;
    text-transform: uppercase;
  }
  .label,
  .badge {
    position: absolute;
    display: flex;
    align-items: center;
    gap: 0.25rem;
    box-sizing: border-box;
    max-width: calc(100% - 1rem);
    padding: 0.15rem 0.5rem;
    border-radius: 4px;
    /* Over the video: light on a dark scrim in either theme. */
    background: rgb(0 0 0 / 55%);
    color: #fff;
    font:
      500 0.8125rem / 1.4 system-ui,
      sans-serif;
  }
  .label {
    left: 0.5rem;
    bottom: 0.5rem;
  }
  /* Beside the quality bars (about 1.9rem wide), never under them, however narrow the tile. */
  :host([quality]:not([quality=''])) .label {
    max-width: calc(100% - 3.25rem);
  }
  .badge {
    left: 0.5rem;
    top: 0.5rem;
  }
  :host([hand]) .badge {
    left: 3rem;
  }
  .name {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .icon {
    display: inline-flex;
    flex: none;
  }
  .icon svg {
    width: 16px;
    height: 16px;
  }
  /* Yellow with a dark ring: seen at a glance over any video. */
  .hand {
    position: absolute;
    left: 0.5rem;
    top: 0.5rem;
    display: grid;
    place-items: center;
    width: 2rem;
    height: 2rem;
    border-radius: 50%;
    background: #ffd24d;
    color: #1f2329;
    box-shadow: 0 0 0 2px rgb(0 0 0 / 40%);
  }
  .verified {
    color: #8ab4f8;
  }
  .host {
    flex: none;
    padding: 0 0.3rem;
    border-radius: 3px;
    background: var(--video-conference-accent, #2563eb);
    font-size: 0.6875rem;
  }
  .actions {
    position: absolute;
    top: 0.5rem;
    right: 0.5rem;
    display: flex;
    gap: 0.25rem;
    opacity: 0;
    transition: opacity 0.15s;
  }
  :host(:hover) .actions,
  .actions:focus-within,
  :host([pinned]) .actions {
    opacity: 1;
  }
  .actions button,
  ::slotted(button) {
    display: grid;
    place-items: center;
    width: 2rem;
    height: 2rem;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: rgb(0 0 0 / 55%);
    color: #fff;
    cursor: pointer;
  }
  .actions button[aria-pressed='true'] {
    background: var(--video-conference-accent, #2563eb);
  }
  .actions button:focus-visible,
  ::slotted(button:focus-visible) {
    outline: 2px solid #fff;
    outline-offset: 2px;
  }
  /* On the label's scrim, so the bars show over bright video too. */
  .quality {
    position: absolute;
    right: 0.5rem;
    bottom: 0.5rem;
    display: flex;
    align-items: flex-end;
    gap: 2px;
    height: 0.875rem;
    padding: 0.3rem 0.45rem;
    border-radius: 999px;
    background: rgb(0 0 0 / 55%);
  }
  .quality i {
    width: 4px;
    border-radius: 1px;
    background: rgb(255 255 255 / 35%);
  }
  .quality i:nth-child(1) {
    height: 33%;
  }
  .quality i:nth-child(2) {
    height: 66%;
  }
  .quality i:nth-child(3) {
    height: 100%;
  }
  :host([quality='good']) .quality i,
  :host([quality='fair']) .quality i:nth-child(-n + 2),
  :host([quality='poor']) .quality i:nth-child(1) {
    background: var(--video-player-quality-color, #3ddc84);
  }
  :host([quality='fair']) .quality i:nth-child(-n + 2) {
    background: #f5b400;
  }
  :host([quality='poor']) .quality i:nth-child(1) {
    background: #ff5449;
  }
  .info {
    position: absolute;
    inset: 0.5rem;
    overflow: auto;
    padding: 0.75rem;
    border-radius: 6px;
    background: rgb(0 0 0 / 80%);
    color: #fff;
    font:
      400 0.8125rem / 1.4 system-ui,
      sans-serif;
  }
  .info dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.15rem 0.75rem;
    margin: 0 0 0.5rem;
  }
  .info dt {
    opacity: 0.7;
  }
  .info dd {
    margin: 0;
  }
  .info .code {
    display: block;
    margin: 0.25rem 0;
    font:
      600 1rem / 1.4 ui-monospace,
      monospace;
    letter-spacing: 0.05em;
  }
  .info .close {
    float: right;
    border: 0;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  @media (prefers-reduced-motion: reduce) {
    :host,
    .actions {
      transition: none;
    }
  }
`;
