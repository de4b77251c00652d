/**
 * @module A file a screen uploads as the request body, bytes untouched (its encoding is decided
 * when it is read): the query naming it and the check that one arrived, for every import route.
 */
import type { FastifyInstance } from 'fastify';
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

/** A year of a city's changes or forwarded records fits well below this; larger files are split at the source. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Lets the routes of a plugin take a file as their body (text/csv or octet-stream), bytes untouched. */
export function acceptFileBodies(app: FastifyInstance): void {
  app.addContentTypeParser(['text/csv', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_request, body, done) => done(null, body));
}

/** The options of a CSV upload route beside its access: the body limit and the documented query; `layout` names the file's document. */
export function csvUploadOptions<R extends z.ZodType>(summary: string, layout: string, tags: string[], response: R) {
  return {
    bodyLimit: MAX_FILE_BYTES,
    schema: {
      summary,
      description: `本文にファイルをそのまま(Content-Type: text/csv か application/octet-stream)送ります。形式は ${layout}。`,
      tags,
      querystring: uploadQuerySchema,
      response: { 200: response },
    },
  };
}

/** What an import takes from an upload request: the file's name, its bytes and the encoding asked for. */
export function csvUploadOf(request: { body: unknown; query: z.infer<typeof uploadQuerySchema> }) {
  return { fileName: request.query.fileName, bytes: uploadedBytes(request.body, 'CSV ファイルを text/csv として送信してください。'), encoding: request.query.encoding };
}
