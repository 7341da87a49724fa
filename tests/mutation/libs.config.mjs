// The platform's and the saga's parts that need no infrastructure: signatures, service
// tokens, the replay guard, the retry and dead-letter policy, the compensation list.
import { mutationRun } from './shared.mjs';

export default mutationRun({
  name: 'libs',
  mutate: [
    'libs/platform/src/webhooks/signed-messages.ts',
    'libs/platform/src/service-auth/service-token.ts',
    'libs/platform/src/service-auth/replay-guard.ts',
    'libs/platform/src/kafka/handler-failures.ts',
    'libs/platform/src/kafka/dead-letter.ts',
    'libs/workflows/src/place-order/compensations.ts',
  ],
  specs: [
    'libs/platform/dist/webhooks/*.spec.js',
    'libs/platform/dist/service-auth/*.spec.js',
    'libs/platform/dist/kafka/handler-failures.spec.js',
    'libs/platform/dist/kafka/dead-letter.spec.js',
    'libs/workflows/dist/place-order/compensations.spec.js',
  ],
  projects: ['libs/platform', 'libs/workflows'],
});
