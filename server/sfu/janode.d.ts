// The part of janode's API (Meetecho's Janus client for Node, which ships no types) that the relay uses.
declare module 'janode' {
  import type { EventEmitter } from 'node:events';

  export interface Jsep {
    type: 'offer' | 'answer';
    sdp: string;
  }

  export interface Handle extends EventEmitter {
    trickle(candidate: object | null): Promise<unknown>;
    hangup(): Promise<unknown>;
    detach(): Promise<unknown>;
  }

  export interface Session extends EventEmitter {
    attach<H extends Handle>(plugin: { Handle: new (...args: never[]) => H; id: string }): Promise<H>;
    destroy(): Promise<unknown>;
  }

  export interface Connection extends EventEmitter {
    create(keepAliveSeconds?: number): Promise<Session>;
    close(): Promise<unknown>;
  }

  const Janode: {
    connect(config: { address: { url: string }; retry_time_secs?: number; max_retries?: number }): Promise<Connection>;
    Logger: { setLevel(level: 'none' | 'error' | 'warning' | 'info' | 'verbose' | 'debug'): void };
    EVENT: {
      CONNECTION_CLOSED: string;
      CONNECTION_ERROR: string;
      SESSION_DESTROYED: string;
      HANDLE_DETACHED: string;
      HANDLE_HANGUP: string;
      HANDLE_WEBRTCUP: string;
    };
  };
  export default Janode;
}

declare module 'janode/plugins/videoroom' {
  import type { Handle, Jsep } from 'janode';

  /** One stream of a publisher, or of a subscription (with the feed it comes from). */
  export interface JanusStream {
    type: 'audio' | 'video' | 'data';
    mid: string;
    active?: boolean;
    /** A publisher's stream that it stopped sending (a screen share that ended). */
    disabled?: boolean;
    description?: string;
    feed_id?: number;
    feed_mid?: string;
    feed_display?: string;
    feed_description?: string;
  }

  export interface Publisher {
    feed: number;
    display?: string;
    streams?: JanusStream[];
  }

  export interface VideoRoomHandle extends Handle {
    create(request: {
      room: number;
      max_publishers: number;
      permanent: boolean;
      bitrate: number;
      audiocodec?: string;
      videocodec?: string;
      notify_joining?: boolean;
    }): Promise<unknown>;
    destroy(request: { room: number }): Promise<unknown>;
    joinConfigurePublisher(request: {
      room: number;
      display: string;
      descriptions?: Array<{ mid: string; description: string }>;
      jsep: Jsep;
    }): Promise<{ feed: number; publishers: Publisher[]; jsep?: Jsep }>;
    configure(request: {
      descriptions?: Array<{ mid: string; description: string }>;
      jsep?: Jsep;
      streams?: Array<{ mid: string; substream?: number; send?: boolean }>;
    }): Promise<{ jsep?: Jsep; streams?: JanusStream[] }>;
    joinSubscriber(request: {
      room: number;
      streams: Array<{ feed: number; mid?: string }>;
    }): Promise<{ jsep?: Jsep; streams?: JanusStream[] }>;
    update(request: {
      subscribe?: Array<{ feed: number; mid?: string }>;
      unsubscribe?: Array<{ feed: number; mid?: string }>;
    }): Promise<{ jsep?: Jsep; streams?: JanusStream[] }>;
    start(request: { jsep: Jsep }): Promise<unknown>;
  }

  const VideoRoom: {
    id: string;
    Handle: new (...args: never[]) => VideoRoomHandle;
    EVENT: {
      VIDEOROOM_PUB_LIST: string;
      VIDEOROOM_UNPUBLISHED: string;
      VIDEOROOM_LEAVING: string;
      VIDEOROOM_UPDATED: string;
      VIDEOROOM_ERROR: string;
    };
  };
  export default VideoRoom;
}
