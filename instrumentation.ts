// Runs once when a server instance starts: the background job runner lives in the app process.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.QAMQOR_JOBS === "off") return;
  const { startJobWorker } = await import("./lib/jobs/worker");
  await startJobWorker();
}
