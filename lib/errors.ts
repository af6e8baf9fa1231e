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
export const conflict = (message: string, details?: Record<string, unknown>) => new AppError("CONFLICT", message, { details });
export const invalid = (message: string, fieldErrors?: FieldErrors) => new AppError("INVALID", message, { fieldErrors });

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
