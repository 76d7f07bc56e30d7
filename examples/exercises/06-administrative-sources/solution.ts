/** Exercise 6: stock and flows of the Atlantis work permits (stock on 2023-12-31, flows of 2023). */
import { fileURLToPath } from 'node:url';
import { checkPermits, flowTables, stockTables } from '../../../src/index.js';
import { day, workPermits } from '../permits.js';

/** Stock of valid permits and of holders on 2023-12-31; inflows, renewals, outflows and permit durations in 2023. */
export async function solve(): Promise<Record<string, number>> {
  const { permits } = checkPermits(await workPermits());
  const s = stockTables(permits, day('2023-12-31'));
  const s2 = stockTables(permits, day('2024-06-30'));
  const f = flowTables(permits, day('2023-01-01'), day('2023-12-31'));
  return {
    stock_permits_2023_12_31: s.permits,
    stock_persons_2023_12_31: s.persons,
    stock_persons_2024_06_30: s2.persons,
    inflows_2023: f.counts.inflows,
    renewals_2023: f.counts.renewals,
    outflow_permits_2023: f.counts.outflowPermits,
    outflow_persons_2023: f.counts.outflows,
    cancellations_2023: f.counts.cancellations,
    mean_duration_days: f.counts.meanDurationDays,
    median_duration_days: f.counts.medianDurationDays,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void solve().then((r) => console.log(JSON.stringify(r, null, 2)));
