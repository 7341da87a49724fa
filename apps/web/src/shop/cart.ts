import { useSyncExternalStore } from 'react';

export interface CartLine {
  sku: string;
  name: string;
  priceCents: number;
  quantity: number;
}

const storageKey = 'orchard.cart';
const listeners = new Set<() => void>();
let lines: CartLine[] = read();

function read(): CartLine[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(stored) ? (stored as CartLine[]) : [];
  } catch {
    return [];
  }
}

function write(next: CartLine[]): void {
  lines = next;
  localStorage.setItem(storageKey, JSON.stringify(next));
  for (const listener of listeners) listener();
}

/** The cart, kept in this browser (localStorage) until an order is accepted. */
export const cart = {
  add(line: CartLine): void {
    const existing = lines.find((l) => l.sku === line.sku);
    write(
      existing
        ? lines.map((l) =>
            l.sku === line.sku ? { ...l, quantity: l.quantity + line.quantity } : l,
          )
        : [...lines, line],
    );
  },
  setQuantity(sku: string, quantity: number): void {
    write(lines.map((l) => (l.sku === sku ? { ...l, quantity } : l)));
  },
  remove(sku: string): void {
    write(lines.filter((l) => l.sku !== sku));
  },
  clear(): void {
    write([]);
  },
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const useCart = (): CartLine[] => useSyncExternalStore(subscribe, () => lines);
