/** What /proc says of a process and its descendants: CPU time and resident memory, for benchmarks. */
import fs from 'node:fs';

/** The fields of /proc/<pid>/stat after the process's name: its state first (the line's 3rd field), so the line's nth is [n - 3]. */
const statFields = (pid: number): string[] => fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');

/** CPU time a process has used so far (user and system, all its threads), in ms: /proc counts it in ticks of 10 ms. */
export function processCpuMs(pid: number): number {
  const fields = statFields(pid);
  // utime and stime, the line's 14th and 15th fields.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The process's parent. */
export const parentPid = (pid: number): number => Number(statFields(pid)[1]);

/** A process and all its descendants living now. */
function tree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const ppid = parentPid(Number(entry));
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const visit = (p: number) => {
    found.push(p);
    for (const c of children.get(p) ?? []) visit(c);
  };
  visit(pid);
  return found;
}

/** Resident memory of a process and all its descendants, in MB. */
export function treeRss(pid: number): number {
  let total = 0;
  for (const p of tree(pid)) {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      // Gone.
    }
  }
  return Math.round(total / 1e6);
}

/**
 * CPU time used so far by a process and its descendants, those living and those ended (a
 * PostgreSQL server's backends, once their connections close), in ms. Each process's own time and
 * that of its ended children: a child counts in its parent's once it ends, so each tick counts once.
 */
export function treeCpuMs(pid: number): number {
  let total = 0;
  for (const p of tree(pid)) {
    try {
      const fields = statFields(p);
      // utime, stime, cutime and cstime: the line's 14th to 17th fields.
      total += (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 10;
    } catch {
      // Ended while we looked: its time is its parent's from now on (missed if the parent was read first).
    }
  }
  return total;
}
