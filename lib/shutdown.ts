// What a server instance does when told to stop, registered by what started inside it: the job runner
// is started by instrumentation.ts inside Next.js's bundle, which the server script (scripts/serve.ts)
// cannot import, so the steps are kept on a process-wide key both can reach.
type Step = () => Promise<unknown>;

const STEPS = Symbol.for("qamqor.shutdownSteps");
const registry = globalThis as unknown as { [STEPS]?: Map<string, Step> };

/** Registers (or replaces) the named step run at shutdown. */
export function onShutdown(name: string, step: Step): void {
  (registry[STEPS] ??= new Map()).set(name, step);
}

export function offShutdown(name: string): void {
  registry[STEPS]?.delete(name);
}

/** Runs every registered step at once and waits for all of them; a failing step does not stop the others. */
export async function runShutdownSteps(): Promise<void> {
  const steps = [...(registry[STEPS]?.values() ?? [])];
  await Promise.allSettled(steps.map((step) => step()));
}
