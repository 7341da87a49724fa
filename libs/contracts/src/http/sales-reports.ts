import { z } from 'zod';

/** A calendar day, UTC, as `YYYY-MM-DD`, in this millennium (the shop has no older orders). */
const Day = z.iso.date();
const ShopDay = Day.refine((day) => day >= '2000-01-01' && day <= '2999-12-31', {
  message: 'a day from 2000-01-01 to 2999-12-31',
});

/** The longest span one report covers: a year (a leap year's 366 days). */
export const salesReportMaxDays = 366;

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/** Which days to report on, both included. */
export const SalesReportRequest = z
  .object({ from: ShopDay, to: ShopDay })
  .strict()
  .refine(({ from, to }) => from <= to, { message: 'from must not be after to', path: ['to'] })
  .refine(({ from, to }) => dayNumber(to) - dayNumber(from) < salesReportMaxDays, {
    message: `a report covers at most ${salesReportMaxDays} days`,
    path: ['to'],
  });
export type SalesReportRequest = z.infer<typeof SalesReportRequest>;

export const SalesReportStatus = z.enum(['RUNNING', 'COMPLETED', 'FAILED']);
export type SalesReportStatus = z.infer<typeof SalesReportStatus>;

/** Units sold and their revenue on one day, for one product or one warehouse. */
const SalesFigures = z.object({
  day: Day,
  units: z.number().int(),
  revenueCents: z.number().int(),
});

export const SalesReport = z.object({
  id: z.uuid(),
  from: Day,
  to: Day,
  status: SalesReportStatus,
  /** Why it failed, when it did. */
  reason: z.string().nullable(),
  /** Sold orders counted (confirmed, shipped or delivered); null until it completes. */
  orders: z.number().int().nullable(),
  requestedAt: z.iso.datetime({ offset: true }),
  completedAt: z.iso.datetime({ offset: true }).nullable(),
  /** Per product and day, by day then SKU; empty until it completes. */
  products: z.array(SalesFigures.extend({ sku: z.string() })),
  /** Per warehouse and day (the parcels each warehouse sent), by day then warehouse. */
  warehouses: z.array(SalesFigures.extend({ warehouse: z.string() })),
});
export type SalesReport = z.infer<typeof SalesReport>;
