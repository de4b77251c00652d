/**
 * @module The one error format of the API: RFC 9457 problem details (`application/problem+json`) with a
 * Japanese title and detail that tell the user what to fix, the request id to quote to the help
 * desk, and for validation the failing fields.
 */
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

export interface FieldError {
  /** Dotted path of the input field, e.g. `owner.birthDate`. */
  field: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Throw this from a route or service for any failure the user can act on. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly type = `urn:keitax:problem:${status}`,
  ) {
    super(detail);
  }

  static validation(errors: FieldError[], detail = '入力内容を確認し、示された項目を直してください。'): Problem {
    return new Problem(400, '入力内容に誤りがあります', detail, errors, 'urn:keitax:problem:validation');
  }
  static notFound(detail: string): Problem {
    return new Problem(404, '見つかりません', detail);
  }
  static conflict(detail: string, errors?: FieldError[]): Problem {
    return new Problem(409, '他のデータと矛盾します', detail, errors);
  }
}

const TITLE_BY_STATUS: Record<number, string> = {
  400: '要求の形式が正しくありません',
  401: 'サインインが必要です',
  403: 'この操作を行う権限がありません',
  404: '見つかりません',
  405: 'この方法では操作できません',
  406: '応答形式が対応していません',
  408: '要求の受信が時間切れになりました',
  409: '他のデータと矛盾します',
  413: 'データが大きすぎます',
  414: 'URLが長すぎます',
  415: 'データの形式が対応していません',
  429: '要求が多すぎます',
  431: '要求のヘッダーが大きすぎます',
  503: '一時的に利用できません',
};

/** What a user can do about a framework-level 4xx error, keyed by Fastify's error code. */
const DETAIL_BY_CODE: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: '送信したJSONの書式が正しくありません。括弧や引用符を確認してください。',
  FST_ERR_CTP_EMPTY_JSON_BODY: '本文が空です。JSONで入力内容を送信してください。',
  FST_ERR_CTP_BODY_TOO_LARGE: '送信したデータが上限を超えています。分割して送信してください。',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Content-Type が対応していません。application/json で送信してください。',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Content-Length が本文の長さと一致しません。',
  FST_ERR_BAD_URL: 'URLに読めない文字の符号(% に続く部分)があります。URLを確認してください。',
  FST_ERR_MAX_PARAM_LENGTH: 'URLの番号や記号が長すぎます。画面から操作するか、URLを確認してください。',
};

/** What a user can do when the connection itself was refused before any route (Node's clientError). */
const CLIENT_ERROR_DETAIL: Record<number, string> = {
  400: '要求の形式が正しくありません。ブラウザーを再読み込みしてください。',
  408: '要求の受信に時間がかかりすぎました。通信状態を確認して、もう一度お試しください。',
  431: 'Cookie などのヘッダーが大きすぎます。ブラウザーのこのサイトの Cookie を削除してから、もう一度お試しください。',
};

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemDetails): FastifyReply {
  return reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send({ ...problem, instance: request.routeOptions.url ?? undefined, requestId: request.id });
}

/**
 * For errors before routing (a URL that cannot be decoded, a parameter over the router's
 * limit): no route, so no instance; the URL is never echoed.
 */
export function sendRoutingProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.code(toProblem(error).status).type(PROBLEM_CONTENT_TYPE).send({ ...toProblem(error), requestId: request.id });
}

/**
 * The raw HTTP answer to a request Node refused before Fastify saw it (headers too large, a
 * malformed request line, a timeout), as problem+json in Japanese like every other error.
 */
export function clientErrorResponse(code: string | undefined): string {
  const status = code === 'HPE_HEADER_OVERFLOW' ? 431 : code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify({
    type: `urn:keitax:problem:${status}`,
    title: TITLE_BY_STATUS[status] ?? '要求を処理できません',
    status,
    detail: CLIENT_ERROR_DETAIL[status] ?? '',
  } satisfies ProblemDetails);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

/**
 * Maps any error to problem details. A `Problem` speaks for itself; schema validation names the
 * fields; other client errors get a Japanese explanation; anything else is a bug: a 500 that
 * reveals nothing of the internals (the log has the request id and the stack).
 */
export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof Problem) {
    return {
      type: error.type,
      title: error.title,
      status: error.status,
      detail: error.detail,
      ...(error.errors ? { errors: error.errors } : {}),
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((v) => ({
      field: [fieldRoot(error.validationContext), ...pathOf(v.instancePath)].filter(Boolean).join('.'),
      message: v.message ?? '値が正しくありません',
    }));
    const { type, title, status, detail } = Problem.validation(errors);
    return { type, title, status, detail, errors };
  }
  const { statusCode, code } = (error ?? {}) as Partial<FastifyError>;
  const status = typeof statusCode === 'number' ? statusCode : 500;
  if (status >= 400 && status < 500) {
    return {
      type: `urn:keitax:problem:${status}`,
      title: TITLE_BY_STATUS[status] ?? '要求を処理できません',
      status,
      detail: DETAIL_BY_CODE[code ?? ''] ?? '要求の内容を確認してから、もう一度お試しください。',
    };
  }
  return {
    type: 'urn:keitax:problem:500',
    title: 'システム内部でエラーが発生しました',
    status: 500,
    detail: '処理は行われていません。時間をおいて再度お試しいただき、解決しない場合は要求ID を添えてシステム管理者へ連絡してください。',
  };
}

/** Query-string and path fields are named after where they came from; body fields plainly. */
function fieldRoot(context: string | undefined): string {
  return context === 'querystring' || context === 'params' || context === 'headers' ? context : '';
}

function pathOf(instancePath: string): string[] {
  return instancePath.split('/').filter(Boolean);
}

/** Parses `input` with `schema`, or throws a validation problem naming each failing field. */
export function validated<T>(schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw Problem.validation(result.error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message })));
}
