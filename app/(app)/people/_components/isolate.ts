/** Wraps a name in Unicode first-strong isolates so a right-to-left name cannot reorder the sentence around it. */
export const isolate = (text: string) => `\u2068${text}\u2069`;
