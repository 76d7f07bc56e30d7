import { spawnSync } from 'node:child_process';
import { it } from 'vitest';

/** Whether a command runs on this machine (`cmd --version` or the given probe args exit 0). */
export function available(cmd: string, probe: readonly string[] = ['--version']): boolean {
  return spawnSync(cmd, [...probe], { stdio: 'ignore' }).status === 0;
}

/**
 * A test that needs a real component (R, readstat, Jupyter, Chromium): it skips with a message on a developer machine
 * that lacks it, and fails under MIGSTAT_CI=1, where .ci/run must have installed it.
 */
export function itWith(component: string, present: boolean, name: string, fn: () => void | Promise<void>, timeout?: number): void {
  if (present) it(name, fn, timeout);
  else if (process.env.MIGSTAT_CI === '1') it(name, () => { throw new Error(`${component} is not installed, and MIGSTAT_CI=1: .ci/run must install it`); });
  else it.skip(`${name} (skipped: ${component} not installed)`, fn);
}
