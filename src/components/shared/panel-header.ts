// The bar at the top of the chat and settings panels: a heading and a close button (parts `header`,
// `heading` and `close`), and its styles, for the panels to put before their own.
import { css, html, type TemplateResult } from 'lit';

export function panelHeader(heading: string, closeLabel: string, close: () => void): TemplateResult {
  return html`
    <div class="header" part="header">
      <h2 part="heading">${heading}</h2>
      <button part="close" type="button" aria-label=${closeLabel} @click=${close}>
        <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M3.5 3.5l9 9m0-9l-9 9" /></svg>
      </button>
    </div>
  `;
}

export const panelHeaderStyles = css`
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
  [part='close'] svg {
    width: 1rem;
    height: 1rem;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.5;
    stroke-linecap: round;
  }
`;
