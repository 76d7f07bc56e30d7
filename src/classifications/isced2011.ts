/**
 * ISCED 2011 (International Standard Classification of Education) levels of attainment, with ILOSTAT codes and the
 * ILOSTAT aggregate level (LTB less than basic, BAS basic, INT intermediate, ADV advanced). Compiled facts (UNESCO
 * UIS; ILOSTAT): see README.md here (the X/0 -> LTB aggregate is ILOSTAT practice, flagged there).
 */
export interface Isced2011Level {
  readonly level: string;
  readonly title: string;
  readonly ilostatAggregate: 'LTB' | 'BAS' | 'INT' | 'ADV' | 'X';
  readonly ilostatCode: string;
}

export const ISCED2011_LEVELS: readonly Isced2011Level[] = [
  { level: 'X', title: 'No schooling', ilostatAggregate: 'LTB', ilostatCode: 'EDU_ISCED11_X' },
  { level: '0', title: 'Early childhood education', ilostatAggregate: 'LTB', ilostatCode: 'EDU_ISCED11_0' },
  { level: '1', title: 'Primary education', ilostatAggregate: 'BAS', ilostatCode: 'EDU_ISCED11_1' },
  { level: '2', title: 'Lower secondary education', ilostatAggregate: 'BAS', ilostatCode: 'EDU_ISCED11_2' },
  { level: '3', title: 'Upper secondary education', ilostatAggregate: 'INT', ilostatCode: 'EDU_ISCED11_3' },
  { level: '4', title: 'Post-secondary non-tertiary education', ilostatAggregate: 'INT', ilostatCode: 'EDU_ISCED11_4' },
  { level: '5', title: 'Short-cycle tertiary education', ilostatAggregate: 'ADV', ilostatCode: 'EDU_ISCED11_5' },
  { level: '6', title: "Bachelor's or equivalent level", ilostatAggregate: 'ADV', ilostatCode: 'EDU_ISCED11_6' },
  { level: '7', title: "Master's or equivalent level", ilostatAggregate: 'ADV', ilostatCode: 'EDU_ISCED11_7' },
  { level: '8', title: 'Doctoral or equivalent level', ilostatAggregate: 'ADV', ilostatCode: 'EDU_ISCED11_8' },
  { level: '9', title: 'Not elsewhere classified', ilostatAggregate: 'X', ilostatCode: 'EDU_ISCED11_9' },
];
