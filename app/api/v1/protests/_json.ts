// Reading request bodies and query strings for the protest, police-action and advocacy API.
import { AppError } from "@/lib/errors";

/** The JSON body; a body that is not JSON is INVALID, not a crash. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("INVALID", "The request body is not valid JSON.", { fieldErrors: { _form: ["invalid"] } });
  }
}

/** The version for a DELETE: from `?version=` or from the body. */
export async function versionFrom(request: Request): Promise<unknown> {
  const fromQuery = new URL(request.url).searchParams.get("version");
  if (fromQuery) return fromQuery;
  return readJson(request);
}

export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
