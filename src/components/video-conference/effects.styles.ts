// Styles of what the effects chunk renders into <video-conference>'s shadow root: reactions floating over tiles,
// the reactions menu over the toolbar, and the recording indicator.
import { css } from 'lit';

export const effectsStyles = css`
  .reaction {
    position: absolute;
    z-index: 2;
    translate: -50% -100%;
    font-size: 2rem;
    pointer-events: none;
    animation: vc-float 4s ease-out forwards;
  }
  @keyframes vc-float {
    from {
      opacity: 0;
      transform: translateY(0) scale(0.6);
    }
    10% {
      opacity: 1;
      transform: translateY(-8px) scale(1);
    }
    to {
      opacity: 0;
      transform: translateY(-120px);
    }
  }
  .reactions {
    position: absolute;
    bottom: 0.5rem;
    left: 50%;
    z-index: 4;
    translate: -50% 0;
    display: flex;
    gap: 0.25rem;
    padding: 0.25rem;
    border-radius: 999px;
    background: var(--_tile);
    box-shadow: 0 4px 16px rgb(0 0 0 / 40%);
  }
  .reactions button {
    width: 2.5rem;
    height: 2.5rem;
    border: 0;
    border-radius: 50%;
    background: transparent;
    font-size: 1.4rem;
    cursor: pointer;
  }
  .reactions button:hover {
    background: var(--_raised);
  }
  .recording {
    position: absolute;
    top: calc(var(--_gap) * 2);
    left: calc(var(--_gap) * 2);
    z-index: 2;
    display: flex;
    align-items: center;
    gap: 0.5rem;
    max-width: calc(100% - 2rem);
    padding: 0.25rem 0.5rem 0.25rem 0.75rem;
    border-radius: 999px;
    background: rgb(0 0 0 / 75%);
    color: #fff;
    font-size: 0.8125rem;
  }
  .recording-dot {
    flex: none;
    width: 0.6rem;
    height: 0.6rem;
    border-radius: 50%;
    background: #ea4335;
  }
`;
