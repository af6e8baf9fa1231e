// Values made inside a transaction handed to a consumer one at a time (a download streamed from one
// database transaction): the producer waits for the consumer, so memory holds one value ahead.

/** What `emit` throws once the consumer has stopped: `run` ends, and this is no failure of it. */
export class Stopped extends Error {}

/**
 * Values made inside `run` (which holds a transaction open) handed out one at a time as they are asked
 * for: `emit` resolves when its value has been taken, so `run` reads one value ahead of the consumer and
 * no further. A consumer that stops early makes the next `emit` throw, which ends `run` (and rolls its
 * transaction back) before the generator returns.
 */
export async function* pulled<T>(run: (emit: (value: T) => Promise<void>) => Promise<void>): AsyncGenerator<T> {
  // one object, so the closures below and the loop see the same fields
  const state: {
    waiting: { value: T; taken: () => void; refused: (error: Error) => void } | null;
    wake: (() => void) | null;
    stopped: boolean;
    finished: boolean;
    failure: { error: unknown } | null;
  } = { waiting: null, wake: null, stopped: false, finished: false, failure: null };
  const nudge = () => {
    state.wake?.();
    state.wake = null;
  };
  const emit = (value: T) =>
    new Promise<void>((taken, refused) => {
      if (state.stopped) return refused(new Stopped());
      state.waiting = { value, taken, refused };
      nudge();
    });
  const running = run(emit).then(
    () => {
      state.finished = true;
      nudge();
    },
    (error: unknown) => {
      state.finished = true;
      state.failure = { error };
      nudge();
    },
  );
  try {
    for (;;) {
      const slot = state.waiting;
      if (slot) {
        state.waiting = null;
        slot.taken();
        yield slot.value;
        continue;
      }
      if (state.finished) {
        if (state.failure) throw state.failure.error;
        return;
      }
      await new Promise<void>((resolve) => (state.wake = resolve));
    }
  } finally {
    state.stopped = true;
    state.waiting?.refused(new Stopped());
    state.waiting = null;
    await running;
  }
}
