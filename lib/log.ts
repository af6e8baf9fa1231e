// Structured JSON logs (pino), one object per line, for a log collector. What goes in: request ids,
// methods, routes, statuses, durations, error types and codes. Never names, phone numbers, bodies,
// query strings or other free text: callers pass only such facts, and error messages stay out.
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type Logger } from "pino";
import { getEnv } from "./env";

const globalForLog = globalThis as unknown as {
  qamqorLog?: Logger;
  qamqorLogDestination?: pino.DestinationStream;
  qamqorRequestIds?: AsyncLocalStorage<string>;
};
// one store per process: the server script (which sets a page request's id) and the app's bundle (which
// writes the lines) each load their own copy of this module
const requestIds = (globalForLog.qamqorRequestIds ??= new AsyncLocalStorage<string>());

function rootLogger(): Logger {
  if (!globalForLog.qamqorLog) {
    const env = getEnv();
    const options = {
      level: env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info"),
      base: { service: "qamqor" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label: string) => ({ level: label }) },
    };
    const destination = globalForLog.qamqorLogDestination;
    globalForLog.qamqorLog = destination ? pino(options, destination) : pino(options);
  }
  return globalForLog.qamqorLog;
}

/** The logger for the current request: every line carries its request id. */
export function log(): Logger {
  const requestId = requestIds.getStore();
  return requestId ? rootLogger().child({ requestId }) : rootLogger();
}

/** The logger for a request by its id, wherever the caller runs (e.g. when a response has finished). */
export function logFor(requestId: string): Logger {
  return rootLogger().child({ requestId });
}

/** Runs `work` with `requestId` on every log line it writes. */
export function withRequestId<T>(requestId: string, work: () => Promise<T>): Promise<T> {
  return requestIds.run(requestId, work);
}

/** An error as facts a log may hold: its type, its code and where it was thrown, without its message. */
export function errorFacts(error: unknown): { errorType: string; code?: string; stack?: string } {
  if (!(error instanceof Error)) return { errorType: typeof error };
  const code = (error as { code?: unknown }).code;
  return {
    errorType: error.name,
    ...(typeof code === "string" ? { code } : {}),
    // the first line of a stack is the message, which may quote data
    ...(error.stack ? { stack: error.stack.split("\n").slice(1).join("\n") } : {}),
  };
}

/** Forget the logger (tests change LOG_LEVEL), and write to `destination` from now on when given. */
export function resetLog(destination?: pino.DestinationStream): void {
  globalForLog.qamqorLog = undefined;
  globalForLog.qamqorLogDestination = destination;
}
