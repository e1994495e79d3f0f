// Styles of <video-conference-prejoin>: one column (preview, toggles and level, then the fields) that
// scrolls when its owner is shorter than it; preview and fields side by side when the screen is wide.
import { css } from 'lit';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    flex: 1 1 auto;
    box-sizing: border-box;
    /* Its owner's height when set (in a flex column or not), then it scrolls; else its content's. */
    max-height: 100%;
    min-height: 0;
    overflow-y: auto;
    padding: 1rem;
    container-type: inline-size;
    --_accent: var(--video-conference-accent, #2563eb);
  }
  form {
    /* Centred where there is room; where there is not, auto margins shrink to zero rather than push the top
       out of reach, as centring alignment would. */
    margin: auto;
    flex-shrink: 0;
    box-sizing: border-box;
    width: min(100%, 26rem);
    display: grid;
    gap: 1rem;
  }
  @container (min-width: 42rem) {
    form {
      width: min(100%, 60rem);
      grid-template-columns: minmax(0, 1fr) minmax(16rem, 20rem);
      align-items: center;
      column-gap: 2rem;
    }
    h2 {
      grid-column: 1 / -1;
    }
  }
  h2 {
    margin: 0;
    font-size: 1.125rem;
    text-align: center;
  }
  .preview-area,
  .side {
    display: grid;
    gap: 0.75rem;
    min-width: 0;
  }
  .preview {
    aspect-ratio: 16 / 9;
  }
  .toggles {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
  }
  .level {
    display: flex;
    align-items: center;
    gap: 2px;
    height: 1.25rem;
    margin-inline-start: 0.5rem;
  }
  .level i {
    width: 4px;
    height: 40%;
    border-radius: 2px;
    background: var(--_line, rgb(255 255 255 / 20%));
  }
  .level i.on {
    height: 100%;
    background: var(--video-player-speaking-color, #3ddc84);
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  label {
    font-weight: 600;
    font-size: 0.8125rem;
  }
  input {
    min-width: 0;
    padding: 0.4rem 0.6rem;
    border: 1px solid var(--_line, rgb(255 255 255 / 20%));
    border-radius: 6px;
    background: transparent;
    color: inherit;
    font: inherit;
  }
  input[aria-invalid='true'] {
    border-color: var(--video-conference-danger, #d93025);
  }
  .error {
    margin: 0;
    font-size: 0.8125rem;
  }
  video-conference-settings {
    --video-conference-settings-background: transparent;
  }
  .notice {
    display: grid;
    gap: 0.5rem;
    justify-items: start;
    padding: 0.75rem;
    border-radius: 8px;
    background: var(--video-conference-notice-background, #5c3d00);
    color: #fff;
  }
  .notice p {
    margin: 0;
  }
  button[type='submit'],
  .notice button {
    padding: 0.5rem 1.25rem;
    border: 0;
    border-radius: 6px;
    background: var(--_accent);
    color: #fff;
    font: inherit;
    cursor: pointer;
  }
  button:focus-visible,
  input:focus-visible {
    outline: 2px solid currentColor;
    outline-offset: 2px;
  }
`;
