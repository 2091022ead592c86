import { z } from 'zod';

export interface IssueOut { path: string; message: string }

/** An error a route handler may throw to answer with a given status and the API's error shape. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    message: string,
    public readonly issues: IssueOut[] = [],
    public readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what: string) => new ApiError(404, `${what} not found`);
export const conflict = (message: string) => new ApiError(409, message);
export const badRequest = (message: string, issues: IssueOut[] = []) => new ApiError(400, message, issues);

export function issuesFromZod(error: z.ZodError, prefix: (string | number)[] = []): IssueOut[] {
  return error.issues.map((i) => ({
    path: [...prefix, ...i.path].map(String).join('.') || '(root)',
    message: i.message,
  }));
}

export function validationError(error: z.ZodError, where: 'body' | 'query' = 'body'): ApiError {
  const issues = issuesFromZod(error);
  const first = issues[0];
  const summary = first ? `${first.path}: ${first.message}` : 'invalid input';
  return new ApiError(400, `Invalid ${where}: ${summary}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`, issues);
}
