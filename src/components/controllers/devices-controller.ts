// The cameras, microphones and speakers to choose from, for the settings panel and the pre-join screen.
// Listed again when devices are plugged in or out, and when the local stream changes while a picker is on
// screen: labels only appear once the camera is granted, and the lists change with the devices in use.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { listDevices, type DeviceLists } from '../../rtc/index.ts';

export class DevicesController implements ReactiveController {
  lists: DeviceLists = { audioinput: [], videoinput: [], audiooutput: [] };
  #host: ReactiveControllerHost;
  /** The local stream the lists were made for; undefined lists again on the next `follow`. */
  #listedFor: MediaStream | null | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    navigator.mediaDevices?.addEventListener('devicechange', this.#refresh);
  }

  hostDisconnected(): void {
    navigator.mediaDevices?.removeEventListener('devicechange', this.#refresh);
  }

  /** While a picker is on screen: lists again if the local stream is not the one the lists were made for. */
  follow(stream: MediaStream | null): void {
    if (stream === this.#listedFor) return;
    this.#listedFor = stream;
    void this.#refresh();
  }

  /** Lists again on the next `follow` (a picker is about to open). */
  invalidate(): void {
    this.#listedFor = undefined;
  }

  #refresh = async (): Promise<void> => {
    this.lists = await listDevices();
    this.#host.requestUpdate();
  };
}
