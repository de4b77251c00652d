/**
 * @module A file a screen uploads as the request body, bytes untouched (its encoding is decided
 * when it is read): the query naming it and the check that one arrived, for every import route.
 */
import { z } from 'zod';
import { choice, text } from '../shared/text.js';
import { Problem } from './problem.js';

export const uploadQuerySchema = z.object({
  fileName: text({ label: 'ファイル名', max: 200 }).default('upload.csv'),
  encoding: choice('文字コード', { auto: '自動判定', 'utf-8': 'UTF-8', shift_jis: 'Shift_JIS' }).default('auto'),
});

/** The body's bytes, or a 400 saying how to send the file (`how`: e.g. 「CSV ファイルを text/csv として送信してください。」). */
export function uploadedBytes(body: unknown, how: string): Buffer {
  if (!Buffer.isBuffer(body) || body.length === 0) throw Problem.validation([{ field: 'file', message: 'ファイルを選んでください' }], how);
  return body;
}
