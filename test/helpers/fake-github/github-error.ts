import type { z } from 'zod';

export type ErrorDetail = { resource: string; code: string; field?: string; message?: string };

const DOCS = 'https://docs.github.com/rest';

/**
 * An answer GitHub gives as an error: `{ message, documentation_url, errors?, status }` with the
 * status code, plus any headers it carries (rate limits). Thrown anywhere in the fake, mapped to a
 * response once in `app.onError`.
 */
export class GitHubError extends Error {
  readonly status: number;
  readonly errors: ErrorDetail[] | undefined;
  readonly documentationUrl: string;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, options: { errors?: ErrorDetail[]; documentationUrl?: string; headers?: Record<string, string> } = {}) {
    super(message);
    this.status = status;
    this.errors = options.errors;
    this.documentationUrl = options.documentationUrl ?? DOCS;
    this.headers = options.headers ?? {};
  }

  /** The JSON body GitHub sends with this error. */
  toBody(): Record<string, unknown> {
    return {
      message: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
      documentation_url: this.documentationUrl,
      status: String(this.status),
    };
  }
}

/** GitHub answers 404 for what does not exist and for what the caller may not see. */
export function notFound(message = 'Not Found'): GitHubError {
  return new GitHubError(404, message);
}

/** The 422 GitHub sends when a well-formed request breaks a rule (a duplicate, a too-long body). */
export function validationFailed(...errors: ErrorDetail[]): GitHubError {
  return new GitHubError(422, 'Validation Failed', { errors });
}

/** The 422 GitHub sends when a body does not match the endpoint's schema. */
export function invalidRequest(issues: readonly z.core.$ZodIssue[], body: unknown): GitHubError {
  const lines = issues.map((issue) => {
    const field = issue.path.join('/');
    const value = valueAt(body, issue.path);
    return value === undefined ? `"${field}" wasn't supplied.` : `For 'properties/${field}', ${JSON.stringify(value)} is not valid: ${issue.message}.`;
  });
  return new GitHubError(422, `Invalid request.\n\n${lines.join('\n')}`);
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
