// Styles of <video-conference-settings> (its header is shared/panel-header.ts): one labelled select per
// kind of device, then the effects (a select and checkboxes), stacked; without a header, flush with what holds it.
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
  .fields {
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
    padding: 0.75rem;
    overflow-y: auto;
  }
  :host([no-header]) .fields {
    padding: 0;
    overflow: visible;
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
  .check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: 400;
  }
  .check input {
    width: 1rem;
    height: 1rem;
    margin: 0;
    accent-color: var(--_accent);
  }
`;
