/**
 * How busy the machine was while a benchmark ran, so a figure measured on a shared machine says
 * under what load it was taken: the CPU every other process used (the machine's busy time less
 * this process's own, its worker threads included), in cores, and the load average at the start.
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

export interface MachineLoad {
  cores: number;
  /** Cores' worth of CPU used by other processes over the measurement, on average. */
  otherCores: number;
  /** The 1-minute load average when the measurement started. */
  loadAverage1m: number;
}

function busyMs(): number {
  let busy = 0;
  for (const cpu of cpus()) busy += cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq;
  return busy;
}

/** Starts watching; `stop()` gives the load since then. */
export function watchMachineLoad(): { stop(): MachineLoad } {
  const loadAverage1m = loadavg()[0];
  const wallStart = performance.now();
  const busyStart = busyMs();
  const ownStart = process.cpuUsage();
  return {
    stop() {
      const wallMs = performance.now() - wallStart;
      const own = process.cpuUsage(ownStart);
      const ownMs = (own.user + own.system) / 1000;
      // The two clocks tick at different granularities: a quiet machine can come out a hair below 0.
      const otherCores = wallMs > 0 ? Math.max(0, (busyMs() - busyStart - ownMs) / wallMs) : 0;
      return { cores: cpus().length, otherCores, loadAverage1m };
    },
  };
}
