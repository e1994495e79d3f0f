// Styles of <video-conference-chat> (its header is shared/panel-header.ts): a scrolling list of message
// bubbles (your own on the right in the accent colour), and a field that grows up to four lines.
import { css } from 'lit';

export const styles = css`
  :host {
    --_accent: var(--video-conference-chat-accent, #2563eb);
    --_muted: var(--video-conference-chat-muted-color, #9aa3ae);
    display: flex;
    flex-direction: column;
    min-width: 0;
    min-height: 0;
    background: var(--video-conference-chat-background, var(--_bg, #0f1114));
    color: var(--video-conference-chat-color, var(--_fg, #fff));
    color-scheme: dark;
    font:
      400 0.875rem / 1.4 system-ui,
      sans-serif;
  }
  :host([hidden]) {
    display: none;
  }
  button {
    border: 0;
    border-radius: 6px;
    font: inherit;
    cursor: pointer;
  }
  button:focus-visible,
  textarea:focus-visible,
  [part='messages']:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  [part='messages'] {
    flex: 1 1 auto;
    min-height: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: 0.75rem;
  }
  [part='empty'] {
    margin: 0;
    color: var(--_muted);
    text-align: center;
  }
  ol {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  li {
    align-self: flex-start;
    max-width: 85%;
    padding: 0.35rem 0.6rem;
    border-radius: 8px;
    background: var(--video-conference-chat-message-background, var(--_tile, #1f2329));
  }
  li.local {
    align-self: flex-end;
    background: var(--_accent);
    color: #fff;
  }
  .meta {
    display: flex;
    align-items: baseline;
    gap: 0.5rem;
    font-size: 0.75rem;
  }
  .name {
    font-weight: 600;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  time {
    flex: none;
    color: var(--_muted);
  }
  li.local time {
    color: inherit;
  }
  .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  /* Underlined in the message's own colour: readable in either bubble. */
  .text a {
    color: inherit;
  }
  form {
    display: flex;
    align-items: flex-end;
    gap: 0.5rem;
    padding: 0.5rem;
    border-top: 1px solid var(--_line, rgb(255 255 255 / 10%));
  }
  textarea {
    flex: 1 1 auto;
    min-width: 0;
    box-sizing: border-box;
    /* Grows with its content from one line to four, where the browser supports it (field-sizing). */
    field-sizing: content;
    min-height: calc(1.4em + 0.8rem + 2px);
    max-height: calc(4 * 1.4em + 0.8rem + 2px);
    padding: 0.4rem 0.6rem;
    border: 1px solid var(--_line, rgb(255 255 255 / 20%));
    border-radius: 6px;
    background: var(--_raised, rgb(255 255 255 / 6%));
    color: inherit;
    font: inherit;
    resize: none;
  }
  textarea::placeholder {
    color: var(--_muted);
  }
  [part='send'] {
    flex: none;
    padding: 0.4rem 1rem;
    background: var(--_accent);
    color: #fff;
  }
`;
