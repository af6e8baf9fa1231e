// Reading a JSON request body for the case API: a body that is not JSON is INVALID, not a crash.
import { AppError } from "@/lib/errors";

export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("INVALID", "The request body is not valid JSON.", { fieldErrors: { _form: ["invalid"] } });
  }
}

/** The version for a DELETE: from the body or from `?version=`. */
export async function versionFrom(request: Request): Promise<unknown> {
  const fromQuery = new URL(request.url).searchParams.get("version");
  if (fromQuery) return { version: fromQuery };
  return readJson(request);
}
