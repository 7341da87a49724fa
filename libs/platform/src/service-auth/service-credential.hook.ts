import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { isProbePath } from '../http/probe-paths';
import { problem, problemContentType } from '../http/problem-details';
import { isValidServiceCredential, serviceCredentialHeader } from './service-credential';

/**
 * A service answers only the gateway: every request must carry a fresh credential signed with
 * the shared secret, or it is refused with 401 before any routing or parsing.
 */
export function requireServiceCredential(app: NestFastifyApplication, secret: string): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request, reply) => {
      // Probes and scrapes come from the platform, not through the gateway.
      if (isProbePath(request.url)) return;
      const credential = request.headers[serviceCredentialHeader];
      if (isValidServiceCredential(secret, Array.isArray(credential) ? undefined : credential))
        return;
      await reply
        .code(401)
        .type(problemContentType)
        .send(problem(401, 'service-credential-required', 'this service answers the gateway only'));
    });
}
