import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";

/**
 * The one mapping from a service's NOT_FOUND (an unknown id, another organisation's record, one the
 * reader may not see) to Next's not-found page inside the app's shell. FORBIDDEN on a detail page is the
 * same answer: whether the record exists is not the reader's to learn.
 */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
}
