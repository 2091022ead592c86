// Business-day maths for postmortem due dates. Monday to Friday in UTC; public
// holidays are not known. Pure; no date library in the project does less.

const DAY_MS = 86_400_000;

const toDate = (v: Date | string) => new Date(typeof v === 'string' ? Date.parse(v) : v.getTime());

export function isBusinessDay(v: Date | string): boolean {
  const wd = toDate(v).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/**
 * `days` business days after `from`, keeping the time of day: each step moves
 * to the next Monday–Friday. A Friday-evening start plus 5 is the next Friday
 * evening; a Saturday start plus 1 is Monday at the same time.
 */
export function addBusinessDays(from: Date | string, days: number): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`business days must be a whole number ≥ 0, got ${days}`);
  const d = toDate(from);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isBusinessDay(d)) left--;
  }
  return d;
}

/**
 * Whole business days from `from` to `to` (negative when `to` is earlier):
 * how many steps of addBusinessDays fit. Used to say "overdue by 3 business days".
 */
export function businessDaysBetween(from: Date | string, to: Date | string): number {
  const a = toDate(from).getTime();
  const b = toDate(to).getTime();
  if (b < a) return -businessDaysBetween(to, from);
  // Count whole calendar days first, then the business days among them.
  const whole = Math.floor((b - a) / DAY_MS);
  let n = 0;
  const d = new Date(a);
  for (let i = 0; i < whole; i++) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isBusinessDay(d)) n++;
  }
  return n;
}

/** When a postmortem is due: resolution time plus the policy's business days. */
export function postmortemDueAt(resolvedAt: Date | string, businessDays: number): Date {
  return addBusinessDays(resolvedAt, businessDays);
}
