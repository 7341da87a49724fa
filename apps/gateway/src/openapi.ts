import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { isProbePath } from '@orchard/platform/http';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { documentedDtos } from './dtos';
import { describeProblems } from './openapi/problem-responses';
import { describeDtosWithZod } from './openapi/zod-schemas';

/** The public API's OpenAPI document at /docs/openapi.json and Swagger UI at /docs. */
export function serveOpenApi(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Orchard shop API')
    .setDescription(
      'The public REST API of the Orchard shop. Errors are application/problem+json (RFC 9457).',
    )
    .setVersion('1')
    .build();
  const generated = withoutProbes(cleanupOpenApiDoc(SwaggerModule.createDocument(app, config)));
  const document = describeProblems(describeDtosWithZod(generated, documentedDtos));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}

/** Probes and /metrics are the platform's, on the management port: not the public API. */
function withoutProbes(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.keys(document.paths))
    if (isProbePath(path)) delete document.paths[path];
  return document;
}
