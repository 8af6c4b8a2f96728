import { Inject, type OnApplicationShutdown } from '@nestjs/common';
import { Ack, ConnectedSocket, MessageBody, type OnGatewayDisconnect, type OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { LIVE_NAMESPACE, type LiveSubscribeAck } from '@trailmark/contracts';
import { LiveAccess } from './live-access';
import { LIVE_BATCH_EVENT } from './live-batch';
import { LiveHub } from './live-hub';
import { LIVE_SETTINGS } from './live-options';
import type { LiveSettings } from './live-settings';
import type { LiveNamespace, LiveSocket } from './live-socket';
import { LiveSubscriber } from './live-subscriber';

/** The `/live` namespace: a live session in the handshake, then `subscribe` / `unsubscribe` per channel. */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayInit<LiveNamespace>, OnGatewayDisconnect<LiveSocket>, OnApplicationShutdown {
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly access: LiveAccess,
    private readonly hub: LiveHub,
    private readonly subscriber: LiveSubscriber,
    @Inject(LIVE_SETTINGS) private readonly settings: LiveSettings,
  ) {}

  afterInit(namespace: LiveNamespace): void {
    namespace.use((socket, next) => {
      this.access.authenticate(socket.handshake).then(
        (identity) => {
          if (!identity) return next(new Error('Sign in first: no live session in the cookie, the bearer token or auth.token'));
          socket.data.identity = identity;
          next();
        },
        () => next(new Error('Sessions cannot be checked right now; try again')),
      );
    });
    this.hub.attach(namespace);
    namespace.on(LIVE_BATCH_EVENT, (batch) => this.hub.receive(batch));
    this.timers = [
      setInterval(() => this.hub.ticks.flush(), this.settings.statsTickMs),
      setInterval(() => void this.subscriber.recheck(namespace), this.settings.sessionCheckMs),
    ];
  }

  @SubscribeMessage('subscribe')
  subscribe(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown, @Ack() ack?: (result: LiveSubscribeAck) => void): Promise<void> {
    return this.subscriber.subscribe(socket, payload, ack);
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() socket: LiveSocket, @MessageBody() payload: unknown, @Ack() ack?: (result: { ok: boolean }) => void): void {
    this.subscriber.unsubscribe(socket, payload, ack);
  }

  handleDisconnect(socket: LiveSocket): void {
    this.subscriber.disconnected(socket);
  }

  onApplicationShutdown(): void {
    this.timers.forEach(clearInterval);
  }
}
