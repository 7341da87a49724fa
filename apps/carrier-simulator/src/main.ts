import pino from 'pino';
import { loadCarrierConfig } from './config';
import { handoverServer, probeServer } from './handover-server';
import { Journeys } from './journeys/journeys';
import { UpdateSender } from './journeys/update-sender';

/**
 * The carrier, a process of its own outside the shop: it takes parcels over on its API and
 * reports each one's journey to the shop's webhook, signed.
 */
async function main(): Promise<void> {
  const config = loadCarrierConfig();
  const logger = pino({ level: config.LOG_LEVEL, base: { service: 'carrier-simulator' } });
  const sender = new UpdateSender({
    webhookUrl: config.CARRIER_WEBHOOK_URL,
    secret: config.CARRIER_WEBHOOK_SECRET,
    logger,
  });
  const journeys = new Journeys(
    sender,
    {
      deliveryDelayMs: config.CARRIER_DELIVERY_DELAY_MS,
      failedDeliveryRate: config.CARRIER_FAILED_DELIVERY_RATE,
      duplicateRate: config.CARRIER_DUPLICATE_RATE,
      reorderRate: config.CARRIER_REORDER_RATE,
    },
    logger,
  );
  const api = handoverServer(journeys, config.CARRIER_WEBHOOK_SECRET, logger);
  const probes = probeServer(journeys);
  await api.listen({ port: config.PORT, host: config.HOST });
  await probes.listen({ port: config.MANAGEMENT_PORT, host: config.HOST });

  const stop = async () => {
    await probes.close();
    await api.close();
    await journeys.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
