import { Injectable } from '@nestjs/common';
import { businessErrors } from '@orchard/contracts';
import { NotFoundError } from '@orchard/platform/http';
import { businessFailure } from '@orchard/platform/temporal';
import { ApplicationFailure } from '@temporalio/common';
import { AccountStore } from './account-store';
import { AccountsRepository, type PaymentRecord } from './accounts.repository';
import { retryOnConcurrentWrite } from './concurrent-write-retry';
import { decideAuthorize, decideCapture, decideRefund, decideVoid } from './domain/decisions';

/** Not business answers but a caller's bug (a step out of order, a bad amount): never retried. */
export const invalidPaymentState = 'InvalidPaymentState';
export const invalidPaymentAmount = 'InvalidPaymentAmount';

/**
 * The saga's payment steps. Each is idempotent by order id: Temporal retries, and a retried
 * call never charges twice. Every attempt re-reads the lookup and the stream, so a call that
 * lost a race answers from what the winner wrote.
 */
@Injectable()
export class PaymentsService {
  constructor(
    private readonly store: AccountStore,
    private readonly accounts: AccountsRepository,
  ) {}

  /**
   * Holds the amount on the customer's account. A decline is committed as an event first and
   * only then raised, so a retry finds it and raises the same failure without a second event.
   */
  authorize(input: { orderId: string; customerId: string; amountCents: number }): Promise<void> {
    const { orderId, customerId } = input;
    return retryOnConcurrentWrite(async () => {
      const known = await this.accounts.findPayment(orderId);
      if (known) return answerRepeatedAuthorization(known);
      const { decision, account } = await this.store.decideAndAppend(customerId, (a) =>
        decideAuthorize(a, input),
      );
      if (decision.outcome === 'refused') {
        if (decision.refusal === 'unknown-account')
          throw businessFailure(
            businessErrors.unknownPaymentAccount,
            `no payment account for customer ${customerId}`,
          );
        throw ApplicationFailure.nonRetryable(decision.message, invalidPaymentAmount);
      }
      const payment = account.payments.get(orderId);
      if (payment?.status === 'DECLINED') throw insufficientFunds(orderId, payment.amountCents);
    });
  }

  capture(orderId: string): Promise<void> {
    return retryOnConcurrentWrite(async () => {
      const payment = await this.accounts.findPayment(orderId);
      if (!payment)
        throw ApplicationFailure.nonRetryable(
          `no payment for order ${orderId} to capture`,
          invalidPaymentState,
        );
      const { decision } = await this.store.decideAndAppend(payment.customerId, (a) =>
        decideCapture(a, orderId),
      );
      if (decision.outcome === 'refused')
        throw ApplicationFailure.nonRetryable(decision.message, invalidPaymentState);
    });
  }

  /** Releases the hold; a payment captured meanwhile is refunded instead. */
  void(orderId: string): Promise<void> {
    return this.giveBack(orderId, decideVoid);
  }

  /** Refunds the capture; a payment only held is voided instead. */
  refund(orderId: string): Promise<void> {
    return this.giveBack(orderId, decideRefund);
  }

  async get(orderId: string): Promise<PaymentRecord> {
    const payment = await this.accounts.findPayment(orderId);
    if (!payment) throw new NotFoundError(`no payment for order ${orderId}`);
    return payment;
  }

  private giveBack(orderId: string, decide: typeof decideVoid): Promise<void> {
    return retryOnConcurrentWrite(async () => {
      const payment = await this.accounts.findPayment(orderId);
      if (!payment) return;
      await this.store.decideAndAppend(payment.customerId, (a) => decide(a, orderId));
    });
  }
}

function answerRepeatedAuthorization(payment: PaymentRecord): void {
  if (payment.status === 'DECLINED') throw insufficientFunds(payment.orderId, payment.amountCents);
}

const insufficientFunds = (orderId: string, amountCents: number) =>
  businessFailure(
    businessErrors.insufficientFunds,
    `payment of ${amountCents} cents for order ${orderId} declined: insufficient funds`,
  );
