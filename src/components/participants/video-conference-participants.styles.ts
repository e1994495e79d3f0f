// Styles of <video-conference-participants> (its header is shared/panel-header.ts): the room's switches, the
// people waiting, then everyone in the call, each on a row with their role and, for hosts, their actions.
import { css } from 'lit';

export const styles = css`
  :host {
    --_accent: var(--video-conference-participants-accent, #2563eb);
    display: flex;
    flex-direction: column;
    min-width: 0;
    min-height: 0;
    background: var(--video-conference-participants-background, var(--_bg, #0f1114));
    color: var(--video-conference-participants-color, var(--_fg, #fff));
    color-scheme: dark;
    font:
      400 0.875rem / 1.4 system-ui,
      sans-serif;
  }
  :host([hidden]) {
    display: none;
  }
  .body {
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
    padding: 0.75rem;
    overflow-y: auto;
  }
  h3 {
    margin: 0;
    font-size: 0.8125rem;
    font-weight: 600;
  }
  ul {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.375rem;
  }
  .name {
    flex: 1;
    min-width: 6rem;
    overflow-wrap: anywhere;
  }
  [part~='role'] {
    padding: 0 0.375rem;
    border-radius: 4px;
    background: var(--_accent);
    color: #fff;
    font-size: 0.75rem;
  }
  .switches {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375rem;
  }
  button {
    padding: 0.25rem 0.625rem;
    border: 1px solid var(--_line, rgb(255 255 255 / 20%));
    border-radius: 6px;
    background: transparent;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  button[aria-pressed='true'] {
    border-color: var(--_accent);
    background: var(--_accent);
    color: #fff;
  }
  [part~='end-for-all'] {
    border-color: var(--video-conference-danger, #d93025);
    background: var(--video-conference-danger, #d93025);
    color: #fff;
  }
  button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
`;
