// The chat panel's chunk: its element, bound to <video-conference>'s messages and sendMessage().
import { html } from 'lit';
import type { PanelRender } from '../video-conference/panel-types.ts';
import './video-conference-chat.ts';

export const render: PanelRender = (el, _call, panels, _devices, _act, t) =>
  html`<video-conference-chat
    class="panel"
    part="chat"
    .messages=${el.messages}
    .strings=${t}
    @video-conference-chat-send=${({ detail }: CustomEvent<{ text: string }>) => el.sendMessage(detail.text)}
    @video-conference-chat-close=${() => panels.close()}
  ></video-conference-chat>`;
