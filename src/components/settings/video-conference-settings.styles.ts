// Styles of <video-conference-settings>: a header and one labelled select per kind of device, stacked.
import { css } from 'lit';

export const styles = css`
  :host {
    --_accent: var(--video-conference-settings-accent, #2563eb);
    display: flex;
    flex-direction: column;
    min-width: 0;
    min-height: 0;
    background: var(--video-conference-settings-background, var(--_bg, #0f1114));
    color: var(--video-conference-settings-color, var(--_fg, #fff));
    color-scheme: dark;
    font:
      400 0.875rem / 1.4 system-ui,
      sans-serif;
  }
  :host([hidden]) {
    display: none;
  }
  button:focus-visible,
  select:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
    padding: 0.5rem 0.5rem 0.5rem 0.75rem;
    border-bottom: 1px solid var(--_line, rgb(255 255 255 / 10%));
  }
  h2 {
    margin: 0;
    font-size: 1rem;
    font-weight: 600;
  }
  [part='close'] {
    display: grid;
    place-items: center;
    width: 2rem;
    height: 2rem;
    padding: 0;
    border: 0;
    border-radius: 6px;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  [part='close']:hover {
    background: var(--_line, rgb(255 255 255 / 10%));
  }
  svg {
    width: 1rem;
    height: 1rem;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.5;
    stroke-linecap: round;
  }
  .fields {
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
    padding: 0.75rem;
    overflow-y: auto;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  label {
    font-weight: 600;
    font-size: 0.8125rem;
  }
  select {
    width: 100%;
    min-width: 0;
    padding: 0.4rem 0.5rem;
    border: 1px solid var(--_line, rgb(255 255 255 / 20%));
    border-radius: 6px;
    background: var(--video-conference-settings-field-background, var(--_tile, #1f2329));
    color: inherit;
    font: inherit;
    text-overflow: ellipsis;
  }
  select:disabled {
    opacity: 0.6;
  }
`;
