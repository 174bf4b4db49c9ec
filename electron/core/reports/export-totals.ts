/** Totals of an export, by currency, type and status, gathered while its rows stream past. */
export interface ExportTotal {
  readonly currency: string;
  readonly type: string;
  readonly status: string;
  readonly count: number;
  /** Minor units, as recorded (refunds positive, as the gateway states them). */
  readonly amount: number;
}

export class TotalsCollector {
  private readonly groups = new Map<string, { currency: string; type: string; status: string; count: number; amount: number }>();

  add(currency: string, type: string, status: string, amount: number): void {
    const key = `${currency}\u0000${type}\u0000${status}`;
    const group = this.groups.get(key);
    if (group) {
      group.count += 1;
      group.amount += amount;
    } else {
      this.groups.set(key, { currency, type, status, count: 1, amount });
    }
  }

  totals(): ExportTotal[] {
    return [...this.groups.values()].sort((a, b) => a.currency.localeCompare(b.currency) || a.type.localeCompare(b.type) || a.status.localeCompare(b.status));
  }
}
