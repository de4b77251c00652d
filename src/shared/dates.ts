const japanDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's calendar date in Japan (YYYY-MM-DD), whatever the server's time zone. */
export function japanToday(now = new Date()): string {
  return japanDay.format(now);
}

const japanClock = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/** A moment as a clock in Japan shows it, `YYYY-MM-DD HH:MM:SS JST`, for people to read. */
export function formatJapanTime(moment: Date | string): string {
  return `${japanClock.format(typeof moment === 'string' ? new Date(moment) : moment)} JST`;
}
