// The widget's icons: small inline SVGs (24×24, currentColor), so nothing is fetched and CSP stays strict.
import { svg, type SVGTemplateResult } from 'lit';

const icon = (...paths: string[]): SVGTemplateResult =>
  svg`<svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="currentColor">${paths.map(
    (d) => svg`<path d=${d}></path>`,
  )}</svg>`;

export const icons = {
  mic: icon(
    'M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11z',
  ),
  micOff: icon(
    'M19 11h-2a5 5 0 0 1-.46 2.1l1.5 1.5A6.95 6.95 0 0 0 19 11zM15 11V5a3 3 0 0 0-5.9-.76L15 10.1z',
    'M4.27 3 3 4.27l6 6V11a3 3 0 0 0 4.5 2.6l1.55 1.55A5 5 0 0 1 7 11H5a7 7 0 0 0 6 6.92V21h2v-3.08a6.9 6.9 0 0 0 3.14-1.25L19.73 20 21 18.73z',
  ),
  camera: icon('M17 10.5V7a1 1 0 0 0-1-1H4a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-3.5l4 4v-11z'),
  cameraOff: icon(
    'M21 6.5l-4 4V7a1 1 0 0 0-1-1H9.82L21 17.18zM3.27 2 2 3.27 4.73 6H4a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h12c.21 0 .39-.08.54-.18L19.73 21 21 19.73z',
  ),
  screen: icon('M20 18a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2H4a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2H0v2h24v-2zM4 6h16v10H4z'),
  hand: icon(
    'M7 12V5.5a1.5 1.5 0 0 1 3 0V11h1V3.5a1.5 1.5 0 0 1 3 0V11h1V5a1.5 1.5 0 0 1 3 0v9a7 7 0 0 1-7 7h-1a6 6 0 0 1-5-2.7L2.3 13a1.5 1.5 0 0 1 2.4-1.8z',
  ),
  people: icon(
    'M9 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0 2c-2.7 0-8 1.3-8 4v2h16v-2c0-2.7-5.3-4-8-4zm7.5-2a3.5 3.5 0 1 0-1.3-6.7 6 6 0 0 1 0 6.4c.4.2.8.3 1.3.3zm1.7 2.2c1.4.9 2.8 2.1 2.8 3.8v2h3v-2c0-2-3.2-3.3-5.8-3.8z',
  ),
  smile: icon(
    'M12 2a10 10 0 1 0 .01 0zm0 2a8 8 0 1 1-.01 0zM8.5 8a1.5 1.5 0 1 0 .01 0zm7 0a1.5 1.5 0 1 0 .01 0zM7.5 14h9a4.5 4.5 0 0 1-9 0z',
  ),
  record: icon(
    'M12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10zm0-5a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16z',
  ),
  chat: icon('M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2z'),
  settings: icon(
    'M12 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7zM19.4 13l2.1 1.6-2 3.5-2.5-1a7 7 0 0 1-1.7 1L15 21h-4l-.3-2.9a7 7 0 0 1-1.7-1l-2.5 1-2-3.5L6.6 13a7 7 0 0 1 0-2L4.5 9.4l2-3.5 2.5 1a7 7 0 0 1 1.7-1L11 3h4l.3 2.9a7 7 0 0 1 1.7 1l2.5-1 2 3.5L19.4 11a7 7 0 0 1 0 2z',
  ),
  spotlight: icon('M3 3h18v12H3zm0 14h5v4H3zm6.5 0h5v4h-5zm6.5 0h5v4h-5z'),
  more: icon('M6 10a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm6 0a2 2 0 1 0 0 4 2 2 0 0 0 0-4zm6 0a2 2 0 1 0 0 4 2 2 0 0 0 0-4z'),
  fullscreen: icon('M5 14H3v7h7v-2H5zm-2-4h2V5h5V3H3zm16 9h-5v2h7v-7h-2zM14 3v2h5v5h2V3z'),
  leave: icon('M3.5 14.5C8 10 16 10 20.5 14.5l-2.5 2.5-3-2v-2.5a10 10 0 0 0-6 0V15l-3 2z'),
  check: icon('M9 16.2 4.8 12l-1.4 1.4L9 19 21 7l-1.4-1.4z'),
  pin: icon('M16 9V4h1V2H7v2h1v5l-2 2v2h5.2v7h1.6v-7H18v-2z'),
  pip: icon('M19 11h-8v6h8zm4 8V5a2 2 0 0 0-2-2H3a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h18a2 2 0 0 0 2-2zm-2 0H3V5h18z'),
  info: icon('M11 7h2v2h-2zm0 4h2v6h-2zm1-9a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16z'),
  sound: icon(
    'M3 9v6h4l5 5V4L7 9zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.47 4.47 0 0 0 2.5-4zM14 3.23v2.06a7 7 0 0 1 0 13.42v2.06a9 9 0 0 0 0-17.54z',
  ),
};
