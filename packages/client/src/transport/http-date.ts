/**
 * HTTP-dates (RFC 9110 §5.6.7), as `Retry-After` may send them: the IMF-fixdate
 * (`Wed, 21 Oct 2026 07:28:00 GMT`) and the two obsolete forms a recipient must still accept,
 * RFC 850 (`Wednesday, 21-Oct-26 07:28:00 GMT`) and asctime (`Wed Oct 21 07:28:00 2026`).
 * `Date.parse` is no help: it is far too lenient (`"1"` is a date) and reads asctime as local
 * time.
 */

const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';
// One pattern for the three forms: day and month names, then the numbers in the order each
// form writes them (day, month, year for the first two; month, day for asctime, its year last).
const HTTP_DATE =
  /^(?:[A-Z][a-z]{2}, (\d\d) ([A-Z][a-z]{2}) (\d{4})|[A-Z][a-z]{2,5}day, (\d\d)-([A-Z][a-z]{2})-(\d\d)|[A-Z][a-z]{2} ([A-Z][a-z]{2}) ([ \d]\d)) (\d\d):(\d\d):(\d\d)(?: GMT| (\d{4}))$/;

/**
 * The time in ms since the epoch an HTTP-date names, or `undefined` for anything else
 * (including impossible days such as 31 Feb, and hours past 23). A leap second (`:60`) is read
 * as `:59`; an RFC 850 two-digit year that would be more than 50 years after `now` is read as
 * in the past century.
 *
 * @example
 * parseHttpDate('Wed, 21 Oct 2026 07:28:00 GMT', Date.now()); // 1792567680000
 */
export function parseHttpDate(text: string, now: number): number | undefined {
  const m = HTTP_DATE.exec(text);
  // The year group tells the forms apart: IMF-fixdate 3, RFC 850 6, asctime 12.
  const form = m?.[3] ? 0 : m?.[6] ? 3 : 6;
  const asctime = form === 6;
  // asctime ends with its year, and with no " GMT" ; the others end with " GMT".
  if (!m || asctime !== (m[12] !== undefined)) return undefined;
  const day = Number(m[asctime ? 8 : form + 1]);
  const month = MONTHS.indexOf(String(m[asctime ? 7 : form + 2]));
  let year = Number(m[asctime ? 12 : form + 3]);
  if (form === 3) {
    const thisYear = new Date(now).getUTCFullYear();
    year += thisYear - (thisYear % 100);
    if (year > thisYear + 50) year -= 100;
  }
  const [hh, mm, ss] = [m[9], m[10], m[11]].map(Number) as [number, number, number];
  if (month % 3 !== 0 || hh > 23 || mm > 59 || ss > 60) return undefined;
  const time = Date.UTC(year, month / 3, day, hh, mm, Math.min(ss, 59));
  // Reject impossible days such as "31 Feb" rather than letting Date roll them over.
  return new Date(time).getUTCDate() === day ? time : undefined;
}
