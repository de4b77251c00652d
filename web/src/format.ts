/**
 * @module Dates, durations and counts as the screens show them: 和暦 dates and times, durations in
 * days, hours and minutes, counts with 件.
 */
const eraDateTime = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Asia/Tokyo',
});

/** 令和8年11月26日 14:05 — the Japanese era, as clerks and taxpayers read dates. */
export function formatEraDateTime(iso: string): string {
  return eraDateTime.format(new Date(iso));
}

export { formatEraDate } from '../../src/shared/era.js';

export function formatDuration(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return [days && `${days}日`, (days || hours) && `${hours}時間`, `${minutes}分`].filter(Boolean).join('');
}

export function formatCount(n: number): string {
  return `${n.toLocaleString('ja-JP')}件`;
}
