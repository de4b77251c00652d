/** Problem details as the server sends them (application/problem+json). */
export interface Problem {
  title: string;
  detail: string;
  status: number;
  requestId?: string;
  errors?: { field: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

/** GETs JSON from the API; any failure arrives as an ApiError carrying Japanese problem details. */
export function getJson<T>(path: string): Promise<T> {
  return request<T>(path, { headers: { accept: 'application/json' } });
}

/** POSTs JSON; a refused input arrives as an ApiError whose problem names the failing fields. */
export function postJson<T>(path: string, body: unknown): Promise<T> {
  return request<T>(path, { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function request<T>(path: string, init: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError({ title: '通信できません', detail: 'サーバーに接続できません。ネットワークとサーバーの状態を確認してください。', status: 0 });
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = body as Partial<Problem> | undefined;
    throw new ApiError({
      title: problem?.title ?? 'エラーが発生しました',
      detail: problem?.detail ?? `サーバーが ${response.status} を返しました。`,
      status: response.status,
      ...(problem?.requestId ? { requestId: problem.requestId } : {}),
      ...(problem?.errors ? { errors: problem.errors } : {}),
    });
  }
  return body as T;
}
