import { describe, expect, it } from 'vitest';
import { informalEmployment } from '../../src/concepts/informality.js';
import { LF_STATUS } from '../../src/concepts/labour-force-status.js';

const N = NaN;

describe('informal employment: one test per decision rule (spec icls.md 2.4)', () => {
  it('contributing family workers are informal whatever the items, under both standards', () => {
    const input = { icse18: ['51', '51'], socialInsurance: [1, N], unitRegistered: [1, N] };
    expect(Array.from(informalEmployment(input).informal)).toEqual([1, 1]);
    expect(Array.from(informalEmployment(input, { standard: 'ICLS17' }).informal)).toEqual([1, 1]);
    expect(Array.from(informalEmployment({ icse93: ['5'], socialInsurance: [1], unitRegistered: [1] }).informal)).toEqual([1]);
  });

  it('employees covered by employer social insurance contributions are formal, those not covered informal', () => {
    const input = { icse18: ['41', '42', '43', '44'], socialInsurance: [1, 0, 1, 0], unitRegistered: [N, N, N, N] };
    expect(Array.from(informalEmployment(input).informal)).toEqual([0, 1, 0, 1]);
    expect(Array.from(informalEmployment(input, { standard: 'ICLS17' }).informal)).toEqual([0, 1, 0, 1]);
    expect(Array.from(informalEmployment({ icse93: ['1', '1'], socialInsurance: [1, 0], unitRegistered: [N, N] }).informal)).toEqual([0, 1]);
  });

  it('ICLS21: an employee without social insurance but with paid annual and paid sick leave is formal; ICLS17: informal', () => {
    // 0 both leaves; 1 annual only; 2 sick only; 3 neither; 4 insured, no leave
    const input = {
      icse18: ['41', '41', '43', '43', '42'], socialInsurance: [0, 0, 0, 0, 1], paidAnnualLeave: [1, 1, 0, 0, 0], paidSickLeave: [1, 0, 1, 0, 0],
      unitRegistered: [N, N, N, N, N],
    };
    const r21 = informalEmployment(input);
    expect(Array.from(r21.informal)).toEqual([0, 1, 1, 1, 0]);
    expect(r21.leaveItemsUsed).toBe(true);
    const r17 = informalEmployment(input, { standard: 'ICLS17' });
    expect(Array.from(r17.informal)).toEqual([1, 1, 1, 1, 0]);
    expect(r17.leaveItemsUsed).toBe(false);
  });

  it('ICLS21: missing insurance or leave decides only where it can change the outcome', () => {
    // 0 insurance missing, both leaves: formal; 1 insurance missing, no annual leave: undetermined (insurance);
    // 2 no insurance, annual leave missing, sick leave yes: undetermined (leave); 3 no insurance, annual missing, no sick leave: informal;
    // 4 insured, leave missing: formal
    const input = {
      icse18: ['41', '41', '41', '41', '41'], socialInsurance: [N, N, 0, 0, 1], paidAnnualLeave: [1, 0, N, N, N], paidSickLeave: [1, 1, 1, 0, N],
      unitRegistered: [N, N, N, N, N],
    };
    const r = informalEmployment(input);
    expect(Array.from(r.informal)).toEqual([0, 255, 255, 1, 0]);
    expect(r.undetermined).toEqual({ count: 2, rows: [1, 2], reasons: { 'socialInsurance missing': 1, 'paid leave missing': 1 } });
  });

  it('ICLS21 without the leave items, or with only one of them, decides on social insurance alone', () => {
    const input = { icse18: ['41', '41'], socialInsurance: [0, N], paidAnnualLeave: [1, 1], unitRegistered: [N, N] };
    const r = informalEmployment(input);
    expect(Array.from(r.informal)).toEqual([1, 255]);
    expect(r.leaveItemsUsed).toBe(false);
  });

  it('ICLS21 with the leave items only (no insurance item) decides on leave; ICLS17 needs the insurance item', () => {
    const input = { icse18: ['41', '41', '41'], paidAnnualLeave: [1, 0, N], paidSickLeave: [1, 1, 1], unitRegistered: [N, N, N] };
    const r = informalEmployment(input);
    expect(Array.from(r.informal)).toEqual([0, 1, 255]);
    expect(r.undetermined.reasons).toEqual({ 'paid leave missing': 1 });
    expect(() => informalEmployment(input, { standard: 'ICLS17' })).toThrow(/employees need input.socialInsurance$/);
  });

  it('independent workers and dependent contractors are informal when their unit is not registered', () => {
    const icse18 = ['11', '12', '21', '22', '30', '11', '12', '21', '22', '30'];
    const input = { icse18, socialInsurance: Array(10).fill(N), unitRegistered: [1, 1, 1, 1, 1, 0, 0, 0, 0, 0] };
    expect(Array.from(informalEmployment(input).informal)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(Array.from(informalEmployment(input, { standard: 'ICLS17' }).informal)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    const icse93 = ['2', '3', '4', '2', '3', '4'];
    expect(Array.from(informalEmployment({ icse93, socialInsurance: Array(6).fill(N), unitRegistered: [1, 1, 1, 0, 0, 0] }).informal)).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('ICLS21: registration decides; complete accounts decide only where registration is missing', () => {
    // 0 registered, no accounts; 1 not registered, accounts; 2 registration missing, accounts; 3 missing, no accounts; 4 both missing
    const input = { icse18: ['22', '22', '22', '22', '12'], socialInsurance: Array(5).fill(N), unitRegistered: [1, 0, N, N, N], unitCompleteAccounts: [0, 1, 1, 0, N] };
    const r = informalEmployment(input);
    expect(Array.from(r.informal)).toEqual([0, 1, 0, 1, 255]);
    expect(r.undetermined.reasons).toEqual({ 'unitRegistered missing': 1 });
  });

  it('ICLS17 (15th ICLS informal sector): a unit registered or keeping complete accounts is formal', () => {
    // as above, plus 5 not registered, accounts missing; 6 not registered, no accounts
    const input = {
      icse18: ['22', '22', '22', '22', '12', '22', '22'], socialInsurance: Array(7).fill(N),
      unitRegistered: [1, 0, N, N, N, 0, 0], unitCompleteAccounts: [0, 1, 1, 0, N, N, 0],
    };
    const r = informalEmployment(input, { standard: 'ICLS17' });
    expect(Array.from(r.informal)).toEqual([0, 0, 0, 255, 255, 255, 1]);
    expect(r.undetermined.reasons).toEqual({ 'unitRegistered missing': 2, 'unitCompleteAccounts missing': 1 });
    // without the accounts item, registration alone
    expect(Array.from(informalEmployment({ icse18: ['22', '22'], socialInsurance: [N, N], unitRegistered: [0, 1] }, { standard: 'ICLS17' }).informal)).toEqual([1, 0]);
  });

  it('workers not classifiable by status, and employed persons without a status in employment, are undetermined', () => {
    const r = informalEmployment({ icse93: ['6', null, '', 'not-stated'], socialInsurance: [1, 1, 1, 1], unitRegistered: [1, 1, 1, 1] });
    expect(Array.from(r.informal)).toEqual([255, 255, 255, 255]);
    expect(r.undetermined.reasons).toEqual({ 'status in employment not classifiable': 1, 'status in employment missing': 3 });
    expect(r.classification).toBe('ICSE93');
  });

  it('with the labour force status, persons not employed are 0 (not counted) and undetermined status 255', () => {
    const { employed: E, unemployed: U, outside: O, notWorkingAge: W } = LF_STATUS;
    const r = informalEmployment({
      status: Uint8Array.from([E, U, O, W, 255, E]),
      icse18: ['41', null, null, null, null, 51],
      socialInsurance: [0, N, N, N, N, N],
      unitRegistered: [N, N, N, N, N, N],
    });
    expect(Array.from(r.informal)).toEqual([1, 0, 0, 0, 255, 1]);
    expect(r.undetermined).toEqual({ count: 1, rows: [4], reasons: { 'status undetermined': 1 } });
    expect(r).toMatchObject({ standard: 'ICLS21', classification: 'ICSE18' });
  });

  it('takes numeric status codes', () => {
    expect(Array.from(informalEmployment({ icse18: [41, 51, 22, N], socialInsurance: [1, N, N, N], unitRegistered: [N, N, 0, N] }).informal)).toEqual([0, 1, 1, 255]);
  });

  it('rejects unknown codes, bad items, missing items and standards', () => {
    expect(() => informalEmployment({ icse18: ['41', '45'], socialInsurance: [1, 1], unitRegistered: [1, 1] })).toThrow(/ICSE18 code "45" at index 1/);
    expect(() => informalEmployment({ icse18: ['41'], socialInsurance: [2], unitRegistered: [1] })).toThrow(/socialInsurance value 2 at index 0/);
    expect(() => informalEmployment({ icse18: ['41'], unitRegistered: [1] })).toThrow(/employees need input.socialInsurance \(or both paidAnnualLeave and paidSickLeave\)/);
    expect(() => informalEmployment({ icse18: ['41'], socialInsurance: [1] })).toThrow(/independent workers need input.unitRegistered/);
    expect(() => informalEmployment({ socialInsurance: [1], unitRegistered: [1] })).toThrow(/needs input.icse18 or input.icse93/);
    expect(() => informalEmployment({ icse18: ['41'], socialInsurance: [1, 1], unitRegistered: [1] })).toThrow(/socialInsurance has 2 rows/);
    expect(() => informalEmployment({ icse18: ['41'], socialInsurance: [1], unitRegistered: [1] }, { standard: 'ICLS15' as never })).toThrow(/standard "ICLS15"/);
  });
});
