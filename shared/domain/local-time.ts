/** Dates as reports write them: `YYYY-MM-DD HH:MM:SS` in a named IANA zone. */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  return format;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function formatLocalDateTime(epochMs: number, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const part of formatFor(timeZone).formatToParts(new Date(epochMs))) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The UTC instant of local midnight starting `day` (`YYYY-MM-DD`) in `timeZone`. */
export function startOfLocalDay(day: string, timeZone: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`not a day: ${day}`);
  const utcMidnight = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (formatLocalDateTime(utcMidnight, 'UTC').slice(0, 10) !== day) throw new RangeError(`not a day: ${day}`);
  // The zone's offset at that moment, applied twice so a day that starts next to a DST change lands right.
  let guess = utcMidnight;
  for (let i = 0; i < 2; i += 1) guess = utcMidnight - offsetAt(guess, timeZone);
  return guess;
}

function offsetAt(epochMs: number, timeZone: string): number {
  const local = formatLocalDateTime(epochMs, timeZone);
  const asUtc = Date.parse(`${local.replace(' ', 'T')}Z`);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The next calendar day. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
