// Typed errors with a closed set of codes, mapped once to HTTP statuses and to messages people see.
export const ERROR_CODES = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID: 422,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Per-field messages for INVALID errors, keyed by the field's path ("names.0.value"). */
export type FieldErrors = Record<string, string[]>;

const defaultKeys: Record<ErrorCode, string> = {
  BAD_REQUEST: "badRequest",
  UNAUTHENTICATED: "unauthenticated",
  FORBIDDEN: "forbidden",
  NOT_FOUND: "notFound",
  CONFLICT: "conflict",
  INVALID: "invalid",
  RATE_LIMITED: "rateLimited",
  PAYLOAD_TOO_LARGE: "payloadTooLarge",
  INTERNAL: "internal",
  UNAVAILABLE: "unavailable",
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldErrors;
  /** Extra facts safe to show, e.g. the current version of a record after a CONFLICT. */
  readonly details?: Record<string, unknown>;
  /** key in the "errors" message area, so the message reaches people in their language */
  readonly key?: string;
  readonly values?: Record<string, string | number>;

  constructor(
    code: ErrorCode,
    message: string,
    extra: { fieldErrors?: FieldErrors; details?: Record<string, unknown>; key?: string; values?: Record<string, string | number> } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = extra.fieldErrors;
    this.details = extra.details;
    this.key = extra.key ?? defaultKeys[code];
    this.values = extra.values;
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }
}

export const notFound = (what = "record") => new AppError("NOT_FOUND", `The ${what} was not found.`);
export const forbidden = (message = "You do not have permission to do this.") => new AppError("FORBIDDEN", message);
export const invalid = (message: string, fieldErrors?: FieldErrors) => new AppError("INVALID", message, { fieldErrors });

/** Seconds a client is asked to wait (Retry-After) when the database cannot be reached. */
export const RETRY_AFTER_SECONDS = 5;

// Codes that mean "the database could not be reached or dropped the connection", never "the request
// was wrong": socket errors, PostgreSQL's connection and shutdown classes (08…, 57P01–57P03), too
// many connections, and Prisma's own names for the same (P1001, P1002, P1017, P2024; adapter kinds).
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "P1001",
  "P1002",
  "P1017",
  "P2024",
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection error|timeout exceeded when trying to connect|Can't reach database server|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command|Server has closed the connection|Client was closed and is not queryable/i;

/**
 * Why PostgreSQL was unreachable, when `error` (or what it wraps: Prisma and the pg driver nest the
 * cause) says so — a code such as "57P01" or "ECONNREFUSED" — else null. Nothing of such a request
 * can have been committed by us, and a retry may succeed.
 */
export function databaseUnavailableReason(error: unknown, depth = 0): string | null {
  if (!error || typeof error !== "object" || depth > 6 || error instanceof AppError) return null;
  const e = error as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; meta?: unknown; originalCode?: unknown; driverAdapterError?: unknown };
  for (const code of [e.originalCode, e.code, e.kind]) if (typeof code === "string" && UNAVAILABLE_CODES.has(code)) return code;
  for (const inner of [e.cause, e.meta, e.driverAdapterError]) {
    const reason = databaseUnavailableReason(inner, depth + 1);
    if (reason) return reason;
  }
  return typeof e.message === "string" && UNAVAILABLE_MESSAGES.test(e.message) ? "connection" : null;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return databaseUnavailableReason(error) !== null;
}

export const unavailable = () =>
  new AppError("UNAVAILABLE", "The database cannot be reached right now; try again in a moment. Nothing was saved.", { key: "unavailable" });

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The shape every API error answer and server action failure takes. Never includes a stack trace. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; key?: string; fieldErrors?: FieldErrors; details?: Record<string, unknown> };
}

export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  if (isAppError(error)) {
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message, key: error.key, fieldErrors: error.fieldErrors, details: error.details } },
    };
  }
  return { status: 500, body: { error: { code: "INTERNAL", key: "internal", message: "Something went wrong on our side; nothing was saved." } } };
}
