import { readdir, readFile, readlink } from 'node:fs/promises';

/** Resident set size of a process in bytes (VmRSS of /proc/<pid>/status; Linux only). */
export async function readRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) * 1024;
}

/**
 * CPU time (user + system) a process has used, in ms, from /proc/<pid>/stat. On a shared
 * 2-core machine this is steadier than throughput: it is what the work cost, whoever else ran.
 */
export async function readCpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name (which may hold spaces): utime is the 12th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SEC;
}

/** USER_HZ: 100 on every Linux architecture Node supports. */
const CLOCK_TICKS_PER_SEC = 100;

/**
 * Datagrams the kernel dropped because a UDP socket's receive buffer was full, summed over the
 * sockets `pid` holds (all sockets of the machine without `pid`): the drops column of
 * /proc/net/udp and udp6. A relay that drops here costs the data channel a retransmission.
 */
export async function readUdpDrops(pid?: number): Promise<number> {
  const inodes = pid === undefined ? undefined : await socketInodes(pid);
  let drops = 0;
  for (const file of ['/proc/net/udp', '/proc/net/udp6']) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      // sl local rem st queues tr retrnsmt uid timeout inode ref pointer drops
      const fields = line.trim().split(/\s+/);
      if (fields.length < 13) continue;
      if (!inodes || inodes.has(fields[9] ?? '')) drops += Number(fields[12]);
    }
  }
  return drops;
}

async function socketInodes(pid: number): Promise<Set<string>> {
  const inodes = new Set<string>();
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => []);
  for (const fd of fds) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const match = /^socket:\[(\d+)\]$/.exec(target);
    if (match?.[1]) inodes.add(match[1]);
  }
  return inodes;
}
