import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiParam } from '@nestjs/swagger';
import { Sku } from '@orchard/contracts';
import { z } from 'zod';
import { Uuid } from '../validation/uuid.pipe';

/** A path parameter that must be a UUID (checked by UuidPipe). */
export const ApiUuidParam = (name: string) =>
  ApiParam({
    name,
    required: true,
    schema: z.toJSONSchema(Uuid, { target: 'openapi-3.0' }) as object,
  });

/** A path parameter that must be a SKU (checked by SkuPipe). */
export const ApiSkuParam = () =>
  ApiParam({
    name: 'sku',
    required: true,
    schema: z.toJSONSchema(Sku, { target: 'openapi-3.0' }) as object,
  });

/** The optional Idempotency-Key header of a command (checked in idempotent.ts). */
export const ApiIdempotencyKey = (description: string) =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description,
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
    }),
  );
