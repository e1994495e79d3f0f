// The participants panel's chunk: its element, bound to <video-conference>'s participants and, for hosts, the
// knocks and the room's controls.
import { html } from 'lit';
import type { HostRequest } from '../../protocol.ts';
import type { PanelRender } from '../video-conference/panel-types.ts';
import './video-conference-participants.ts';

export const render: PanelRender = (el, _call, panels, _devices, act, t) => {
  const host = el.callRole === 'host';
  return html`<video-conference-participants
    class="panel"
    part="participants"
    .participants=${el.participants}
    .knocks=${host ? el.knocks : []}
    .host=${host}
    .locked=${el.locked}
    .lobby=${el.lobby}
    .hostShareUrl=${el.hostShareUrl}
    .strings=${t}
    @video-conference-host=${({ detail }: CustomEvent<HostRequest>) => act(detail)}
    @video-conference-participants-close=${() => panels.close()}
  ></video-conference-participants>`;
};
