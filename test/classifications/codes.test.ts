import { describe, expect, it } from 'vitest';
import { ICSE18_CATEGORIES, ICSE93_GROUPS } from '../../src/classifications/icse.js';
import { ISCED2011_LEVELS } from '../../src/classifications/isced2011.js';
import { ISCO08_MAJOR_GROUPS, isIsco08Code, isco08MajorGroup } from '../../src/classifications/isco08.js';
import { ISIC4_SECTIONS, isIsic4Code, isic4SectionOf } from '../../src/classifications/isic4.js';

describe('ISCO-08', () => {
  it('has ten major groups and X, with ILOSTAT codes', () => {
    expect(ISCO08_MAJOR_GROUPS.map((g) => g.code).join('')).toBe('1234567890X');
    expect(ISCO08_MAJOR_GROUPS.every((g) => g.ilostatCode === `OCU_ISCO08_${g.code}`)).toBe(true);
  });
  it('accepts codes of 1 to 4 digits and finds their major group', () => {
    for (const c of ['2', '24', '241', '2411', '0110', 'X']) expect(isIsco08Code(c), c).toBe(true);
    for (const c of ['24111', '', 'A', '2.4']) expect(isIsco08Code(c), c).toBe(false);
    expect(isco08MajorGroup('2411')?.title).toBe('Professionals');
    expect(isco08MajorGroup('0110')?.title).toBe('Armed forces occupations');
  });
});

describe('ISIC Rev.4', () => {
  it('has sections A-U and X with broad sectors', () => {
    expect(ISIC4_SECTIONS.map((s) => s.section).join('')).toBe('ABCDEFGHIJKLMNOPQRSTUX');
    expect(ISIC4_SECTIONS.filter((s) => s.iloBroadSector === 'IND').map((s) => s.section).join('')).toBe('BCDEF');
  });
  it('finds the section of a division, group or class, and rejects divisions that do not exist', () => {
    expect(isic4SectionOf('0111')?.section).toBe('A');
    expect(isic4SectionOf('41')?.section).toBe('F');
    expect(isic4SectionOf('970')?.section).toBe('T');
    expect(isic4SectionOf('99')?.section).toBe('U');
    expect(isic4SectionOf('C')?.section).toBe('C');
    for (const c of ['04', '34', '48', '1', '12345', 'Z', 'c']) expect(isIsic4Code(c), c).toBe(false);
  });
});

describe('ICSE and ISCED', () => {
  it('ICSE-93 has 6 groups, ICSE-18 10 categories', () => {
    expect(ICSE93_GROUPS.map((g) => g.code)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(ICSE18_CATEGORIES.map((g) => g.code)).toEqual(['11', '12', '21', '22', '30', '41', '42', '43', '44', '51']);
    expect(ICSE18_CATEGORIES.filter((g) => g.topA === 'Independent workers')).toHaveLength(4);
  });
  it('ISCED 2011 has levels X, 0-8 and 9', () => {
    expect(ISCED2011_LEVELS.map((l) => l.level).join('')).toBe('X0123456789');
  });
});
