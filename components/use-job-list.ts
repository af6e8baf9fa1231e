"use client";
// A list of background jobs as the server last said, read again every 2 s while one is queued or running
// (reports, archive exports and imports): progress without a page reload, and no polling once all are done.
import { useCallback, useEffect, useState } from "react";

export function useJobList<T extends { status: string }>(url: string, initial: T[]): { jobs: T[]; active: boolean; reload: () => Promise<void> } {
  const [jobs, setJobs] = useState<T[]>(initial);
  const reload = useCallback(async () => {
    const response = await fetch(url, { cache: "no-store" });
    if (response.ok) setJobs(((await response.json()) as { items: T[] }).items);
  }, [url]);
  const active = jobs.some((job) => job.status === "QUEUED" || job.status === "RUNNING");
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(reload, 2_000);
    return () => clearInterval(timer);
  }, [active, reload]);
  return { jobs, active, reload };
}
