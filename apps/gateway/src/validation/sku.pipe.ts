import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { Sku } from '@orchard/contracts';
import { problem } from '@orchard/platform/http';

/** Validates a SKU path parameter before it is put into an upstream URL. */
@Injectable()
export class SkuPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!Sku.safeParse(value).success) {
      throw new BadRequestException(problem(400, 'validation-error', 'The SKU is malformed.'));
    }
    return value;
  }
}
