/** Times shown to staff are Vietnam time (Asia/Ho_Chi_Minh), as the respondents' receipts are, whatever the server's zone. */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

// sv-SE writes ISO-like "2026-12-03 18:45:07"; one formatter, made once (making one costs more than formatting).
const format = new Intl.DateTimeFormat('sv-SE', {
  timeZone: VIETNAM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "2026-12-03 18:45" (or with seconds) in Vietnam time, for tables and histories. */
export function vietnamTime(ms: number, seconds = false): string {
  const text = format.format(new Date(ms)).replace(',', '');
  return seconds ? text : text.slice(0, 16);
}
