// Kept apart from the check pipeline so that the thread that only starts a check loads none of it.

/** Today's date where the inspectors are, whatever the server's time zone. */
export function todayInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}
