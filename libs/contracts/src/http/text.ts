import { z } from 'zod';

// eslint-disable-next-line no-control-regex -- control characters are exactly what it refuses
export const noControlCharacters = /^[^\x00-\x1f\x7f]*$/;
const unpairedSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Free text a person types (a name, an address line, a reason): trimmed, 1 to `max` characters,
 * without control characters (PostgreSQL cannot even store a NUL) or unpaired surrogates
 * (not valid Unicode, so not storable as JSON).
 */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(noControlCharacters, 'no control characters')
    .refine((value) => !unpairedSurrogate.test(value), 'no unpaired surrogates');
