import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import type { PaymentRecord } from './accounts.repository';
import { PaymentsService } from './payments.service';

@Controller('payments')
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @Get(':orderId')
  get(@Param('orderId', new ParseUUIDPipe()) orderId: string): Promise<PaymentRecord> {
    return this.payments.get(orderId);
  }
}
