// Password hashing with argon2id (OWASP's recommended parameters for interactive sign-in).
import "server-only";
import { availableParallelism } from "node:os";
import { hash, verify } from "@node-rs/argon2";

const ARGON2ID = 2;
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * A hash takes its 19 MiB for as long as it runs, on one of libuv's four threads: sixteen sign-ins at
 * once raised the server's resident memory by some 45 MiB (BENCHMARKS.md). They are let through as
 * many at a time as there are cores but one, which is as fast on a small server, where the hashes
 * share the cores with the requests and PostgreSQL anyway.
 */
export const HASHES_AT_ONCE = Math.max(1, availableParallelism() - 1);

/** Runs `work` when fewer than `limit` others are running; the rest wait in turn. */
export function oneSlotOf(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running += 1;
    try {
      return await work();
    } finally {
      // the slot passes straight to the next in line, or is freed
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

const hashingSlot = oneSlotOf(HASHES_AT_ONCE);

export function hashPassword(password: string): Promise<string> {
  return hashingSlot(() => hash(password, options));
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await hashingSlot(() => verify(storedHash, password));
  } catch {
    return false;
  }
}

/** A real hash of a random password: verifying against it costs what a real check costs, for unknown e-mails. */
let dummyHash: Promise<string> | undefined;
export function timingDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(`no-such-user-${Math.random()}`);
  return dummyHash;
}
