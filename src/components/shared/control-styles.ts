// The round buttons made by toggleButton (controls.ts), in the toolbar and on the pre-join screen: neutral,
// in the accent colour when pressed; the microphone and camera neutral when on and red with a white icon when
// off, as in Google Meet.
import { css } from 'lit';

export const controlStyles = css`
  .control {
    position: relative;
    display: grid;
    place-items: center;
    flex: none;
    width: 2.75rem;
    height: 2.75rem;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: var(--_raised);
    color: inherit;
    cursor: pointer;
  }
  .control:disabled {
    opacity: 0.4;
    cursor: default;
  }
  .control[aria-pressed='true'] {
    background: var(--_accent);
    color: #fff;
  }
  .control.device[aria-pressed='true'] {
    background: var(--_raised);
    color: inherit;
  }
  .control.device[aria-pressed='false'] {
    background: var(--video-conference-danger, #d93025);
    color: #fff;
  }
`;
