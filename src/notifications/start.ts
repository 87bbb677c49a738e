import type { FastifyBaseLogger } from 'fastify';
import { Api } from 'grammy';
import type { Config } from '../config/config.js';
import type { Database } from '../db/client.js';
import type { TelegramLinkService } from '../users/telegram-link.js';
import { DeliveryWorker } from './delivery.js';
import { OUTBOX_CHANNEL, type Outbox } from './outbox.js';
import { SharedPacer } from './shared-pacer.js';
import type { PhotoReader } from '../photos/types.js';

export interface RunningDelivery {
  worker: DeliveryWorker;
  /** Stops sending (finishing the message in flight) and stops listening. */
  stop(): Promise<void>;
}

/**
 * The delivery worker as every P2H process runs it: woken after each commit in this process and by
 * NOTIFY from others, with the lease and concurrency from the configuration, pacing its sends by the
 * Telegram budget all workers share.
 */
export async function startDelivery(deps: {
  config: Config;
  database: Database;
  outbox: Outbox;
  links: TelegramLinkService;
  /** The stored JPEGs an alert's photos are read from (local disk or S3). */
  photos: Pick<PhotoReader, 'read'>;
  log: FastifyBaseLogger;
  /** The services' clock: rows are dated by it (quiet hours), so the worker must read the same one. */
  now: () => Date;
}): Promise<RunningDelivery> {
  const { config, database, outbox, links, photos, log, now } = deps;
  const api = new Api(config.telegram.botToken!, { apiRoot: config.telegram.apiRoot, timeoutSeconds: 20 });
  const worker = new DeliveryWorker({
    db: database.db,
    api,
    links,
    groupChatId: config.telegram.chatId,
    log,
    leaseMs: config.deliveryLeaseSeconds * 1000,
    concurrency: config.deliveryConcurrency,
    // One budget for every worker on the database: adding workers adds no messages per second.
    pacer: new SharedPacer(database.db),
    photos,
    now,
  });
  outbox.onWritten(() => worker.wake());
  const unlisten = await database.listen(OUTBOX_CHANNEL, () => worker.wake(), (error) => log.warn({ err: error }, 'outbox listener lost its connection'));
  worker.start();
  return {
    worker,
    async stop() {
      await worker.stop();
      await unlisten();
    },
  };
}
