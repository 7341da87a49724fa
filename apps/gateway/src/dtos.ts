import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import {
  AccountNotice,
  AccountView,
  ChangePasswordRequest,
  CancelOrderRequest,
  CustomerOrder,
  CustomerOrderPage,
  DepositRequest,
  EventConsumerProgress,
  LogInRequest,
  OperatorOrderPage,
  OrderAccepted,
  OrderSummary,
  OrderTrace,
  OrderView,
  PlaceOrderRequest,
  ProductPage,
  ProductView,
  SalesReport,
  SalesReportRequest,
  ShopMetrics,
  SignUpAccepted,
  SignUpRequest,
  StockAdjustmentRequest,
  StockLevel,
  StuckCompensationView,
  UpsertProductRequest,
  WalletView,
  CarrierStatusUpdate,
  CarrierUpdateReceipt,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointCreated,
  WebhookEndpointRequest,
  WebhookSecret,
} from '@orchard/contracts';

export class PlaceOrderDto extends createZodDto(PlaceOrderRequest) {}
export class CancelOrderDto extends createZodDto(CancelOrderRequest) {}
export class OrderAcceptedDto extends createZodDto(OrderAccepted) {}
export class OrderSummaryDto extends createZodDto(OrderSummary) {}
export class CustomerOrderDto extends createZodDto(CustomerOrder) {}
export class CustomerOrderPageDto extends createZodDto(CustomerOrderPage) {}
export class ProductViewDto extends createZodDto(ProductView) {}
export class ProductPageDto extends createZodDto(ProductPage) {}
export class UpsertProductDto extends createZodDto(UpsertProductRequest) {}
export class StockAdjustmentDto extends createZodDto(StockAdjustmentRequest) {}
export class DepositDto extends createZodDto(DepositRequest) {}
export class WalletViewDto extends createZodDto(WalletView) {}
export class SignUpDto extends createZodDto(SignUpRequest) {}
export class LogInDto extends createZodDto(LogInRequest) {}
export class SignUpAcceptedDto extends createZodDto(SignUpAccepted) {}
export class ChangePasswordDto extends createZodDto(ChangePasswordRequest) {}
export class AccountNoticeDto extends createZodDto(AccountNotice) {}
export class AccountViewDto extends createZodDto(AccountView) {}

/** The parts of an order's details; `missing` names those that could not be fetched. */
export const OrderDetails = z.object({
  order: OrderView.nullable(),
  // Owned by the payment, shipping and inventory services; passed on as they answer.
  payment: z.looseObject({}).nullable(),
  shipment: z.looseObject({}).nullable(),
  reservation: z.looseObject({}).nullable(),
  missing: z.array(
    z.object({
      part: z.enum(['order', 'payment', 'shipment', 'reservation']),
      reason: z.enum(['not-found', 'unavailable', 'failed']),
    }),
  ),
});
export class OrderDetailsDto extends createZodDto(OrderDetails) {}
export class StuckCompensationDto extends createZodDto(StuckCompensationView) {}

/** Every DTO of the public API: the OpenAPI document describes each from its zod schema. */
export class OperatorOrderPageDto extends createZodDto(OperatorOrderPage) {}
export class OrderTraceDto extends createZodDto(OrderTrace) {}
export class EventConsumerProgressDto extends createZodDto(EventConsumerProgress) {}
export class StockLevelDto extends createZodDto(StockLevel) {}
export class SalesReportRequestDto extends createZodDto(SalesReportRequest) {}
export class SalesReportDto extends createZodDto(SalesReport) {}
export class ShopMetricsDto extends createZodDto(ShopMetrics) {}
export class WebhookEndpointRequestDto extends createZodDto(WebhookEndpointRequest) {}
export class WebhookEndpointDto extends createZodDto(WebhookEndpoint) {}
export class WebhookEndpointCreatedDto extends createZodDto(WebhookEndpointCreated) {}
export class WebhookSecretDto extends createZodDto(WebhookSecret) {}
export class WebhookDeliveryDto extends createZodDto(WebhookDelivery) {}
export class CarrierStatusUpdateDto extends createZodDto(CarrierStatusUpdate) {}
export class CarrierUpdateReceiptDto extends createZodDto(CarrierUpdateReceipt) {}

export const documentedDtos = [
  PlaceOrderDto,
  CancelOrderDto,
  OrderAcceptedDto,
  OrderSummaryDto,
  CustomerOrderDto,
  CustomerOrderPageDto,
  ProductViewDto,
  ProductPageDto,
  UpsertProductDto,
  StockAdjustmentDto,
  DepositDto,
  WalletViewDto,
  OrderDetailsDto,
  StuckCompensationDto,
  OperatorOrderPageDto,
  OrderTraceDto,
  EventConsumerProgressDto,
  StockLevelDto,
  SalesReportRequestDto,
  SalesReportDto,
  ShopMetricsDto,
  WebhookEndpointRequestDto,
  WebhookEndpointDto,
  WebhookEndpointCreatedDto,
  WebhookSecretDto,
  WebhookDeliveryDto,
  CarrierStatusUpdateDto,
  CarrierUpdateReceiptDto,
];
