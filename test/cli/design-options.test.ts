import { describe, expect, it } from 'vitest';
import { designColumns } from '../../src/cli/design-options.js';

describe('designColumns', () => {
  it('lists the columns the design reads, so estimate reads only those it needs', () => {
    expect(designColumns({ weight: 'w', strata: 'h', psu: ['p1', 'p2'], fpc: ['f1'], calibrate: ['sex', 'age'] })).toEqual(['w', 'h', 'p1', 'p2', 'f1', 'sex', 'age']);
    expect(designColumns({ repweights: ['r1', 'r2'], weight: 'w' })).toEqual(['w', 'r1', 'r2']);
  });

  it('is undefined (read every column) when replicate columns are given by a pattern', () => {
    expect(designColumns({ repweightsRegex: '^rw' })).toBeUndefined();
  });
});
