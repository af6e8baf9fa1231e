// Facts about other processes, for supervision: is a pid still the process we saw (pids are reused
// after a reboot or in containers), what command runs under it, and who launched us.
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";

interface ProcessFacts {
  /** the command line, arguments joined by spaces */
  command: string;
  /** when it started, in clock ticks since boot (Linux) or as `ps` prints it; only compared for equality */
  started: string;
  parent: number;
}

/** What runs under `pid` now, or undefined when nothing does. */
export function processFacts(pid: number): ProcessFacts | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // the command name (field 2) may hold spaces and parentheses: the other fields follow the last ")"
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
    return { command, started: fields[19] ?? "", parent: Number(fields[1]) };
  } catch {
    // no /proc (macOS, BSD): ask ps
    try {
      const line = execFileSync("ps", ["-o", "ppid=,lstart=,command=", "-p", String(pid)], { encoding: "utf8" }).trim();
      const match = /^(\d+)\s+(\w{3}\s+\w{3}\s+\d+\s+[\d:]+\s+\d{4})\s+(.*)$/.exec(line);
      return match ? { parent: Number(match[1]), started: match[2] ?? "", command: match[3] ?? "" } : undefined;
    } catch {
      return undefined;
    }
  }
}

/** Seconds since the epoch at which `pid` started (Linux only), to compare with postmaster.pid. */
export function processStartEpoch(pid: number): number | undefined {
  try {
    const started = Number(processFacts(pid)?.started);
    const bootLine = readFileSync("/proc/stat", "utf8").split("\n").find((line) => line.startsWith("btime "));
    const boot = Number(bootLine?.split(" ")[1]);
    // USER_HZ is 100 on every Linux build that Node runs on
    return Number.isFinite(started) && Number.isFinite(boot) ? boot + started / 100 : undefined;
  } catch {
    return undefined;
  }
}

export interface WatchedProcess {
  pid: number;
  started: string;
}

/**
 * The processes whose death means "stop": our parent, and up the chain to the `npm` that ran us when
 * there is one (a SIGTERM to npm alone — Docker with npm as PID 1, `kill <npm pid>` — must stop us too,
 * whatever npm and tsx in between forward).
 */
export function launchers(): WatchedProcess[] {
  const chain: WatchedProcess[] = [];
  let pid = process.ppid;
  for (let depth = 0; depth < 6 && pid > 1; depth += 1) {
    const facts = processFacts(pid);
    if (!facts) break;
    chain.push({ pid, started: facts.started });
    if (/(^|[\s/])npm(-cli\.js)?(\s|$)/.test(facts.command)) return chain;
    pid = facts.parent;
  }
  return chain.slice(0, 1);
}

/** True while `watched` is the same process it was (not gone, not a new process under a reused pid). */
export function stillRunning(watched: WatchedProcess): boolean {
  return processFacts(watched.pid)?.started === watched.started;
}
