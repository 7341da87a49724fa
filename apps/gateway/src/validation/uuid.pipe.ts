import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { z } from 'zod';
import { problem } from '@orchard/platform/http';

/** The ids the contracts accept (RFC 9562 UUIDs), and no others: what is stored, is shown. */
export const Uuid = z.uuid();

/** Validates an id path parameter before it is put into an upstream URL. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!Uuid.safeParse(value).success) {
      throw new BadRequestException(problem(400, 'validation-error', 'The id is not a UUID.'));
    }
    return value;
  }
}
