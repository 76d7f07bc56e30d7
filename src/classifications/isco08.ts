/**
 * ISCO-08 (International Standard Classification of Occupations, 2008) major groups with ISCO skill levels and
 * ILOSTAT codes. Compiled facts (ILO; ILOSTAT classif1 dictionary): see README.md here.
 */
export interface Isco08MajorGroup {
  readonly code: string;
  readonly title: string;
  /** ISCO skill level(s) of the major group (`3+4` for managers). */
  readonly skillLevel: string;
  readonly ilostatCode: string;
}

export const ISCO08_MAJOR_GROUPS: readonly Isco08MajorGroup[] = [
  { code: '1', title: 'Managers', skillLevel: '3+4', ilostatCode: 'OCU_ISCO08_1' },
  { code: '2', title: 'Professionals', skillLevel: '4', ilostatCode: 'OCU_ISCO08_2' },
  { code: '3', title: 'Technicians and associate professionals', skillLevel: '3', ilostatCode: 'OCU_ISCO08_3' },
  { code: '4', title: 'Clerical support workers', skillLevel: '2', ilostatCode: 'OCU_ISCO08_4' },
  { code: '5', title: 'Service and sales workers', skillLevel: '2', ilostatCode: 'OCU_ISCO08_5' },
  { code: '6', title: 'Skilled agricultural, forestry and fishery workers', skillLevel: '2', ilostatCode: 'OCU_ISCO08_6' },
  { code: '7', title: 'Craft and related trades workers', skillLevel: '2', ilostatCode: 'OCU_ISCO08_7' },
  { code: '8', title: 'Plant and machine operators, and assemblers', skillLevel: '2', ilostatCode: 'OCU_ISCO08_8' },
  { code: '9', title: 'Elementary occupations', skillLevel: '1', ilostatCode: 'OCU_ISCO08_9' },
  { code: '0', title: 'Armed forces occupations', skillLevel: '1+2+4', ilostatCode: 'OCU_ISCO08_0' },
  { code: 'X', title: 'Not elsewhere classified', skillLevel: '', ilostatCode: 'OCU_ISCO08_X' },
];

/** An ISCO-08 code at any level: 1 to 4 digits (major group, sub-major, minor, unit group; armed forces start with 0), or X. */
export function isIsco08Code(code: string): boolean {
  return /^(\d{1,4}|X)$/.test(code);
}

/** The major group of an ISCO-08 code (its first digit, or X). */
export function isco08MajorGroup(code: string): Isco08MajorGroup | undefined {
  if (!isIsco08Code(code)) return undefined;
  return ISCO08_MAJOR_GROUPS.find((g) => g.code === code[0]);
}
