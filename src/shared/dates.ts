const japanDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's calendar date in Japan (YYYY-MM-DD), whatever the server's time zone. */
export function japanToday(now = new Date()): string {
  return japanDay.format(now);
}
