import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ZodValidationPipe } from 'nestjs-zod';
import { SignedCarrierMessage, type CarrierUpdateReceipt } from '@orchard/contracts';
import { ProcessingRound } from './carrier.providers';
import { UpdateReceiver } from './update-receiver';

const signedMessage = new ZodValidationPipe(SignedCarrierMessage);

/** The carrier's webhook calls, as the gateway passes them on (the body as it arrived). */
@Controller('carrier')
export class CarrierUpdatesController {
  constructor(
    private readonly receiver: UpdateReceiver,
    private readonly processing: ProcessingRound,
  ) {}

  /** Answers once the update is stored; it is applied in the background, in sequence. */
  @Post('updates')
  @HttpCode(202)
  async receive(@Body(signedMessage) message: SignedCarrierMessage): Promise<CarrierUpdateReceipt> {
    const receipt = await this.receiver.receive(message);
    if (receipt.outcome === 'queued') this.processing.nudge();
    return receipt;
  }
}
