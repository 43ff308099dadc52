/** The one form a blueprint's dates take: YYYY-MM-DD. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** YYYY-MM-DD naming a day that exists (2024-02-29 yes, 2023-02-29 no). */
export function isCalendarDate(value: string): boolean {
  return ISO_DATE.test(value) && dayProblem(value) === undefined;
}

/**
 * What is wrong with a date field's value, said so that the author knows what to change: a form
 * other than YYYY-MM-DD (with the day it names written that way, when it names one unambiguously),
 * or a day that does not exist. Undefined for a real day written YYYY-MM-DD.
 */
export function dateProblem(value: string): string | undefined {
  if (!ISO_DATE.test(value)) {
    const same = asIsoDate(value);
    return same ? `is not written YYYY-MM-DD: write ${same}` : 'is not a date written YYYY-MM-DD';
  }
  return dayProblem(value);
}

/** For YYYY-MM-DD: why it names no day (month 13, 30 February), or undefined. */
function dayProblem(value: string): string | undefined {
  const [year, month, day] = ISO_DATE.exec(value)!.slice(1).map(Number) as [number, number, number];
  if (month < 1 || month > 12) return `is a day that does not exist: there is no month ${month}`;
  if (day < 1) return 'is a day that does not exist: there is no day 0';
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  if (day > days) return `is a day that does not exist: ${MONTHS[month - 1]} ${year} has ${days} days`;
  return undefined;
}

/**
 * The calendar day an unambiguous date names, written YYYY-MM-DD: year first with `-`, `/` or `.`
 * between unpadded parts (`2026/11/5`), eight digits (`20261105`), or a date and time
 * (`2026-11-05T14:30`). Day-first and month-first dates are ambiguous and get none.
 */
export function asIsoDate(value: string): string | undefined {
  const m =
    /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(value.trim()) ??
    /^(\d{4})()(\d{2})(\d{2})$/.exec(value.trim()) ??
    /^(\d{4})(-)(\d{2})-(\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)$/.exec(value.trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[3]!.padStart(2, '0')}-${m[4]!.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : undefined;
}
