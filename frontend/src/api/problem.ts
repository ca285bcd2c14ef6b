// RFC 9457 problem details as every AutoGraph service answers them, turned into an Error whose
// message is the human `detail` (what to do), with the stable `code` and per-field `errors`.

export interface FieldError {
  field?: string;
  path?: string;
  message?: string;
  line?: number;
  column?: number;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: FieldError[];
  /** The problem's other members (a mention_without_access names its `people`, `can_share`). */
  readonly extra: Record<string, unknown>;

  constructor(status: number, code: string, detail: string, errors: FieldError[] = [], extra: Record<string, unknown> = {}) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.errors = errors;
    this.extra = extra;
  }

  /** One sentence for the person: the detail plus the first field problems. */
  describe(): string {
    const fields = this.errors
      .slice(0, 3)
      .map((e) => [e.field ?? e.path, e.message].filter(Boolean).join(': '))
      .filter(Boolean);
    return fields.length ? `${this.message} (${fields.join('; ')})` : this.message;
  }
}

export async function problemOf(response: Response, body?: unknown): Promise<ApiError> {
  let problem: Record<string, unknown> = {};
  if (body && typeof body === 'object') {
    problem = body as Record<string, unknown>;
  } else {
    try {
      problem = (await response.clone().json()) as Record<string, unknown>;
    } catch {
      // not JSON: a proxy's page, say
    }
  }
  const detail =
    typeof problem.detail === 'string' && problem.detail
      ? problem.detail
      : response.status === 0 || response.status >= 500
        ? `The server could not answer (HTTP ${response.status}); try again in a moment.`
        : `The request failed (HTTP ${response.status}).`;
  const code = typeof problem.code === 'string' ? problem.code : `http_${response.status}`;
  const errors = Array.isArray(problem.errors) ? (problem.errors as FieldError[]) : [];
  return new ApiError(response.status, code, detail, errors, problem);
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.describe();
  if (error instanceof TypeError) return 'Cannot reach AutoGraph: check your connection and try again.';
  return error instanceof Error ? error.message : String(error);
}
