import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ReservationsService, type ReservationView } from './reservations.service';

@Controller('reservations')
export class ReservationsController {
  constructor(private readonly reservations: ReservationsService) {}

  @Get(':orderId')
  get(@Param('orderId', new ParseUUIDPipe()) orderId: string): Promise<ReservationView> {
    return this.reservations.get(orderId);
  }
}
