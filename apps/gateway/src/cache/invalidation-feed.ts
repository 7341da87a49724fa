import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createRedisClient } from '@orchard/platform/redis';
import type Redis from 'ioredis';

/** Where Redis sends invalidations of tracked keys to a connection that redirects them here. */
const keyInvalidationsChannel = '__redis__:invalidate';

type Resubscribed = (feedClientId: number) => void | Promise<void>;

/**
 * A Redis connection of its own, in subscriber mode, through which the gateway hears that data
 * it holds copies of has changed: on channels where owners announce changes, and as Redis's own
 * invalidations of keys another connection read with client tracking redirected here
 * (server-assisted client-side caching). Notices sent while it is disconnected are lost, so
 * `isLive` is false until it has subscribed again, and then every listener starts afresh.
 */
export class InvalidationFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InvalidationFeed.name);
  private readonly connection: Redis;
  private readonly channelListeners = new Map<string, (message: string) => void>();
  private readonly resubscribedListeners: Resubscribed[] = [];
  private readonly keyListeners: ((keys: string[] | null) => void)[] = [];
  private clientId?: number;

  constructor(redisUrl: string) {
    // Subscriptions are made afresh on each connection, after its id is known (see subscribe),
    // and the first once every listener has registered (see onApplicationBootstrap).
    this.connection = createRedisClient(redisUrl, { autoResubscribe: false, lazyConnect: true });
    this.connection.on('ready', () => void this.subscribe());
    this.connection.on('close', () => (this.clientId = undefined));
    this.connection.on('messageBuffer', (channel: Buffer, message: Buffer | Buffer[] | null) =>
      this.dispatch(channel.toString(), message),
    );
  }

  /** Subscribed: notices arrive. The connection's id, for CLIENT TRACKING … REDIRECT. */
  get isLive(): boolean {
    return this.clientId !== undefined;
  }

  get feedClientId(): number | undefined {
    return this.clientId;
  }

  /** Listens to a channel; its messages are strings. Register before the application starts. */
  onChannel(channel: string, listener: (message: string) => void): void {
    this.channelListeners.set(channel, listener);
  }

  /**
   * Tracked keys that changed; null when Redis cannot say which (e.g. after FLUSHALL). Every
   * listener hears every announcement (the session copies, the connections held by sessions).
   */
  onKeysInvalidated(listener: (keys: string[] | null) => void): void {
    this.keyListeners.push(listener);
  }

  /** Called each time the feed is live again, with its connection's id. */
  onResubscribed(listener: Resubscribed): void {
    this.resubscribedListeners.push(listener);
  }

  /** Connects once every cache has registered; a failed attempt is retried like a lost connection. */
  onApplicationBootstrap(): void {
    this.connection.connect().catch(() => undefined);
  }

  onApplicationShutdown(): void {
    this.connection.disconnect();
  }

  private async subscribe(): Promise<void> {
    try {
      const id = Number(await this.connection.client('ID'));
      await this.connection.subscribe(keyInvalidationsChannel, ...this.channelListeners.keys());
      // Live only once every listener has started afresh: no copy from before is served.
      await Promise.all(this.resubscribedListeners.map((listener) => listener(id)));
      this.clientId = id;
    } catch (error) {
      // Without its subscriptions the feed is no use: reconnect and try again.
      this.logger.warn(`could not subscribe, reconnecting: ${String(error)}`);
      this.clientId = undefined;
      this.connection.disconnect(true);
    }
  }

  private dispatch(channel: string, message: Buffer | Buffer[] | null): void {
    if (channel === keyInvalidationsChannel) {
      const keys = message === null ? null : [message].flat().map((key) => key.toString());
      for (const listener of this.keyListeners) listener(keys);
      return;
    }
    if (message !== null && !Array.isArray(message))
      this.channelListeners.get(channel)?.(message.toString());
  }
}
