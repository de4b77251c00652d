/**
 * @module How the screens talk to the API: JSON and file requests with the CSRF token, problem
 * details (application/problem+json) as errors, and the notice when the session has ended.
 */
/** Problem details as the server sends them (application/problem+json). */
export interface Problem {
  title: string;
  detail: string;
  status: number;
  type?: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

/**
 * The session's CSRF token, set by the session context once signed in; every state-changing
 * request carries it (the server refuses those without it).
 */
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server answers 401: the session has ended (idle, signed out elsewhere…). */
let onSessionEnded: (problem: Problem) => void = () => {};
export function whenSessionEnds(handler: (problem: Problem) => void): void {
  onSessionEnded = handler;
}

async function request<T>(method: string, path: string, body?: unknown, accept = 'application/json'): Promise<T> {
  const headers: Record<string, string> = { accept };
  // A file goes as its bytes (a resident-change CSV keeps its own encoding); anything else as JSON.
  const file = body instanceof Blob ? body : undefined;
  if (body !== undefined) headers['content-type'] = file ? file.type || 'application/octet-stream' : 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, ...(body === undefined ? {} : { body: file ?? JSON.stringify(body) }) });
  } catch {
    throw new ApiError({ title: '通信できません', detail: 'サーバーに接続できません。ネットワークとサーバーの状態を確認してください。', status: 0 });
  }
  if (response.status === 204) return undefined as T;
  if (response.ok && accept !== 'application/json') return (await response.blob()) as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const p = (payload ?? {}) as Partial<Problem>;
    const problem: Problem = {
      title: p.title ?? 'エラーが発生しました',
      detail: p.detail ?? `サーバーが ${response.status} を返しました。`,
      status: response.status,
      ...(p.type ? { type: p.type } : {}),
      ...(p.requestId ? { requestId: p.requestId } : {}),
      ...(p.errors ? { errors: p.errors } : {}),
    };
    if (response.status === 401 && !path.startsWith('/api/v1/auth/sign-in') && !path.startsWith('/api/v1/auth/passkeys')) onSessionEnded(problem);
    throw new ApiError(problem);
  }
  return payload as T;
}

export const getJson = <T>(path: string) => request<T>('GET', path);
export const sendJson = <T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown) => request<T>(method, path, body);
export const sendFile = <T>(path: string, file: Blob) => request<T>('POST', path, file);
/** A POST answered with a document (a certificate PDF) rather than JSON; a refusal is still a problem. */
export const postForDocument = (path: string, body: unknown, type = 'application/pdf') => request<Blob>('POST', path, body, type);
/** A GET answered with a document (a reprinted notice PDF); a refusal is still a problem. */
export const getDocument = (path: string, type = 'application/pdf') => request<Blob>('GET', path, undefined, type);

/** The failing field's message from a validation problem, for the field's error slot. */
export function fieldError(problem: Problem | null, field: string): string | undefined {
  return problem?.errors?.find((e) => e.field === field || e.field.endsWith(`.${field}`))?.message;
}

export function problemOf(error: unknown): Problem {
  return error instanceof ApiError ? error.problem : { title: 'エラーが発生しました', detail: String(error), status: 0 };
}
