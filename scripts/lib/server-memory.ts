// How much memory the app server's JavaScript heap may take. Node sizes its heap from the machine's
// memory (about 4 GB here), so under page load V8 put off full collections and the server grew to 1 GB
// and kept it; a bound makes it collect instead. Big reports run in the same process (the job runner),
// so the bound leaves them room. NODE_OPTIONS with its own --max-old-space-size wins.
export const DEFAULT_HEAP_MB = 512;

/**
 * V8 flags for the server's memory outside the old space (BENCHMARKS.md, "The server's baseline"):
 * - `--liftoff-only`: the Prisma client's query compiler is a 3.4 MB WebAssembly module; V8 compiles it
 *   with its baseline compiler and then again, optimised, in the background, which held some 40 MiB more
 *   for the process's life and made no measurable difference to the CPU a query takes.
 * - `--max-semi-space-size=8`: the young generation grows to three times this under a stream of
 *   short-lived objects (a register download, page rendering). V8's 16 MiB left a 50 000-row register
 *   download peaking at 287–302 MiB; 8 MiB at 263–275, for a few per cent more CPU on the answers that
 *   allocate most (4 MiB saved a little more but cost 15–20 %).
 */
export const SERVER_V8_FLAGS = ["--liftoff-only", "--max-semi-space-size=8"];

/** Node flags for the app server's process: the heap bound (unless NODE_OPTIONS sets one) and SERVER_V8_FLAGS. */
export function serverNodeFlags(env: NodeJS.ProcessEnv = process.env): string[] {
  if (/--max-old-space-size/.test(env.NODE_OPTIONS ?? "")) return [...SERVER_V8_FLAGS];
  const fromEnv = Number(env.QAMQOR_HEAP_MB);
  const megabytes = Number.isInteger(fromEnv) && fromEnv >= 128 ? fromEnv : DEFAULT_HEAP_MB;
  return [`--max-old-space-size=${megabytes}`, ...SERVER_V8_FLAGS];
}

/**
 * Environment for the app server's process. glibc gives each thread that allocates its own malloc
 * arena (up to eight per core) and keeps what they once held: under load the libuv worker threads
 * (password hashing, compression, file reads) left the server's RSS some 80 MiB above its JavaScript
 * heap's needs for good (BENCHMARKS.md, "Memory"). Two arenas keep that bounded; a value already set wins.
 */
export function serverMemoryEnv(env: NodeJS.ProcessEnv = process.env): { MALLOC_ARENA_MAX: string } {
  return { MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? "2" };
}
