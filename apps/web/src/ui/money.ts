const euros = new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' });

export const money = (cents: number | null | undefined): string =>
  cents === null || cents === undefined ? '—' : euros.format(cents / 100);

export const dateTime = (iso: string): string =>
  new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'medium' });
