import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * Describes each DTO by zod's own OpenAPI 3.0 rendering of its schema, the one its requests
 * are validated with. (Through Nest's metadata, a nullable string property comes out as an
 * array.) Input shapes: an answer may carry fields a view does not name yet.
 */
export function describeDtosWithZod(
  document: OpenAPIObject,
  dtos: readonly { name: string; schema: unknown }[],
): OpenAPIObject {
  const schemas = { ...document.components?.schemas };
  for (const dto of dtos) {
    if (!(dto.name in schemas)) continue;
    schemas[dto.name] = z.toJSONSchema(dto.schema as z.ZodType, {
      target: 'openapi-3.0',
      io: 'input',
    }) as object;
  }
  return { ...document, components: { ...document.components, schemas } };
}
