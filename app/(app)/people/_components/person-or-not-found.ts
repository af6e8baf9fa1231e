import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";

/** A record the user may not see renders Next's not-found page, like a record that does not exist. */
export async function personOrNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (isAppError(error) && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
}

/** Wraps a name in Unicode first-strong isolates so a right-to-left name cannot reorder the sentence around it. */
export const isolate = (text: string) => `\u2068${text}\u2069`;
