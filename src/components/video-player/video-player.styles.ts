// Styles of <video-player>: the video fills the tile; an avatar stands in when there is no video.
import { css } from 'lit';

export const styles = css`
  :host {
    position: relative;
    display: block;
    overflow: hidden;
    border-radius: var(--video-player-radius, 8px);
    background: var(--video-player-background, #1f2329);
    color: var(--video-player-color, #fff);
    min-width: 0;
    min-height: 0;
  }
  video {
    display: block;
    width: 100%;
    height: 100%;
    object-fit: var(--video-player-fit, cover);
  }
  video[hidden] {
    display: none;
  }
  :host([mirrored]) video {
    transform: scaleX(-1);
  }
  .avatar {
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
  }
  .avatar span {
    display: grid;
    place-items: center;
    width: clamp(2.5rem, 30%, 6rem);
    aspect-ratio: 1;
    border-radius: 50%;
    background: var(--video-player-avatar-background, #3b4350);
    font:
      600 clamp(1rem, 4vw, 2rem) / 1 system-ui,
      sans-serif;
    text-transform: uppercase;
  }
  [part='label'] {
    position: absolute;
    left: 0.5rem;
    bottom: 0.5rem;
    max-width: calc(100% - 1rem);
    padding: 0.15rem 0.5rem;
    border-radius: 4px;
    background: rgb(0 0 0 / 55%);
    font:
      500 0.8125rem / 1.4 system-ui,
      sans-serif;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  [part='unmute'] {
    position: absolute;
    top: 0.5rem;
    right: 0.5rem;
    padding: 0.35rem 0.75rem;
    border: 0;
    border-radius: 4px;
    background: #fff;
    color: #111;
    font:
      500 0.8125rem / 1.4 system-ui,
      sans-serif;
    cursor: pointer;
  }
`;
