/**
 * What else the machine was doing while a benchmark ran: its cores and the load average, so a
 * figure is read beside the load it was measured under.
 *
 * @example
 * ```ts
 * const load = machineLoad();   // { cores: 2, loadAverage1m: 6.4, loadAverage5m: 7.1 }
 * ```
 */
import { availableParallelism, loadavg } from 'node:os';

export function machineLoad(): { cores: number; loadAverage1m: number; loadAverage5m: number } {
  const [one = 0, five = 0] = loadavg();
  return { cores: availableParallelism(), loadAverage1m: Math.round(one * 10) / 10, loadAverage5m: Math.round(five * 10) / 10 };
}
