// Deliveries are signed as every webhook of the shop is (Standard Webhooks).
export {
  newSigningSecret,
  signMessage as signDelivery,
  type SignedHeaders,
} from '@orchard/platform/webhooks';
