/*
 * Date presets in the operator's time zone, as UTC bounds core reads (`from` inclusive, `to`
 * exclusive). A day starts at local midnight, whatever the zone's offset that day (daylight
 * saving included); a week starts on Monday.
 */

export const DATE_PRESETS = ['all', 'today', 'yesterday', 'thisWeek', 'thisMonth', 'custom'] as const;
export type DatePreset = (typeof DATE_PRESETS)[number];

interface Day {
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  readonly day: number;
}

function partsIn(epochMs: number, timeZone: string): Day & { hour: number; minute: number; second: number } {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const parts = Object.fromEntries(format.formatToParts(new Date(epochMs)).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far the zone's wall clock is ahead of UTC at this instant. */
function offsetAt(epochMs: number, timeZone: string): number {
  const p = partsIn(epochMs, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(epochMs / 1000) * 1000;
}

/** The instant local midnight starts this day in the zone. */
function startOfDay(day: Day, timeZone: string): number {
  const wall = Date.UTC(day.year, day.month - 1, day.day);
  let instant = wall - offsetAt(wall, timeZone);
  // The offset at midnight may differ from the one at the first guess (a change that night).
  instant = wall - offsetAt(instant, timeZone);
  return instant;
}

function shift(day: Day, days: number): Day {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function dayOf(epochMs: number, timeZone: string): Day {
  const { year, month, day } = partsIn(epochMs, timeZone);
  return { year, month, day };
}

/** A `YYYY-MM-DD` day (a date picker's value) as a `Day`, or null. */
function parseDay(text: string): Day | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
}

/** The bounds of a preset at `now`, or of the custom days (both included); `{}` for all time. */
export function presetRange(preset: DatePreset, now: number, timeZone: string, custom: { from?: string; to?: string } = {}): { from?: number; to?: number } {
  const today = dayOf(now, timeZone);
  const span = (first: Day, afterLast: Day) => ({ from: startOfDay(first, timeZone), to: startOfDay(afterLast, timeZone) });
  switch (preset) {
    case 'all':
      return {};
    case 'today':
      return span(today, shift(today, 1));
    case 'yesterday':
      return span(shift(today, -1), today);
    case 'thisWeek': {
      const weekday = (new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay() + 6) % 7;
      return span(shift(today, -weekday), shift(today, 7 - weekday));
    }
    case 'thisMonth':
      return span({ ...today, day: 1 }, today.month === 12 ? { year: today.year + 1, month: 1, day: 1 } : { year: today.year, month: today.month + 1, day: 1 });
    case 'custom': {
      const first = custom.from ? parseDay(custom.from) : null;
      const last = custom.to ? parseDay(custom.to) : null;
      return {
        ...(first ? { from: startOfDay(first, timeZone) } : {}),
        ...(last ? { to: startOfDay(shift(last, 1), timeZone) } : {}),
      };
    }
  }
}
