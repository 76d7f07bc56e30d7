/**
 * ISIC Rev.4 (International Standard Industrial Classification of All Economic Activities, revision 4) sections with
 * their division ranges, the ILO broad sector (AGR = A, IND = B-F, SER = G-U) and ILOSTAT codes. Compiled facts
 * (UN Statistics Division; ILOSTAT): see README.md here.
 */
export interface Isic4Section {
  readonly section: string;
  readonly title: string;
  /** First and last two-digit division of the section (`01`, `03`); empty for X. */
  readonly divisionFrom: string;
  readonly divisionTo: string;
  readonly iloBroadSector: 'AGR' | 'IND' | 'SER' | 'X';
  readonly ilostatCode: string;
}

export const ISIC4_SECTIONS: readonly Isic4Section[] = [
  { section: 'A', title: 'Agriculture, forestry and fishing', divisionFrom: '01', divisionTo: '03', iloBroadSector: 'AGR', ilostatCode: 'ECO_ISIC4_A' },
  { section: 'B', title: 'Mining and quarrying', divisionFrom: '05', divisionTo: '09', iloBroadSector: 'IND', ilostatCode: 'ECO_ISIC4_B' },
  { section: 'C', title: 'Manufacturing', divisionFrom: '10', divisionTo: '33', iloBroadSector: 'IND', ilostatCode: 'ECO_ISIC4_C' },
  { section: 'D', title: 'Electricity, gas, steam and air conditioning supply', divisionFrom: '35', divisionTo: '35', iloBroadSector: 'IND', ilostatCode: 'ECO_ISIC4_D' },
  { section: 'E', title: 'Water supply; sewerage, waste management and remediation activities', divisionFrom: '36', divisionTo: '39', iloBroadSector: 'IND', ilostatCode: 'ECO_ISIC4_E' },
  { section: 'F', title: 'Construction', divisionFrom: '41', divisionTo: '43', iloBroadSector: 'IND', ilostatCode: 'ECO_ISIC4_F' },
  { section: 'G', title: 'Wholesale and retail trade; repair of motor vehicles and motorcycles', divisionFrom: '45', divisionTo: '47', iloBroadSector: 'SER', ilostatCode: 'ECO_ISIC4_G' },
  { section: 'H', title: 'Transportation and storage', divisionFrom: '49', divisionTo: '53', iloBroadSector: 'SER', ilostatCode: 'ECO_ISIC4_H' },
  { section: 'I', title: 'Accommodation and food service activities', divisionFrom: '55', divisionTo: '56', iloBroadSector: 'SER', ilostatCode: 'ECO_ISIC4_I' },
  { section: 'J', title: 'Information and communication', divisionFrom: '58', divisionTo: '63', iloBroadSector: 'SER', ilostatCode: 'ECO_ISIC4_J' },
  { section: 'K', title: 'Financial and insurance activities', divisionFrom: '64', divisionTo: '66', iloBroadSector: 'SER', ilostatCode: 'ECO_ISIC4_K' },
  { section: 'L', title: 'Real estate activities', divisionFrom: '68', divisionTo: '68', iloBroadSector: 'SER', ilostatCode: 'ECO_ISIC4_L' },
  { section: 'M', title: 'Professional, scientific and technical activities', divisionFrom: '69', divisionTo: '75', iloBroadSector: 'SER', ilostatCode: 'ECO_ISIC4_M' },
  { section: 'N', title: 'Administrative and support service activities', divisionFrom: '77', divisionTo: '82', iloBroadSector: 'SER', ilostatCode: 'ECO_ISIC4_N' },
  { section: 'O', title: 'Public administration and defence; compulsory social security', divisionFrom: '84', divisionTo: '84', iloBroadSector: 'SER', ilostatCode: 'ECO_ISIC4_O' },
  { section: 'P', title: 'Education', divisionFrom: '85', divisionTo: '85', iloBroadSector: 'SER', ilostatCode: 'ECO_ISIC4_P' },
  { section: 'Q', title: 'Human health and social work activities', divisionFrom: '86', divisionTo: '88', iloBroadSector: 'SER', ilostatCode: 'ECO_ISIC4_Q' },
  { section: 'R', title: 'Arts, entertainment and recreation', divisionFrom: '90', divisionTo: '93', iloBroadSector: 'SER', ilostatCode: 'ECO_ISIC4_R' },
  { section: 'S', title: 'Other service activities', divisionFrom: '94', divisionTo: '96', iloBroadSector: 'SER', ilostatCode: 'ECO_ISIC4_S' },
  { section: 'T', title: 'Activities of households as employers; undifferentiated goods- and services-producing activities of households for own use', divisionFrom: '97', divisionTo: '98', iloBroadSector: 'SER', ilostatCode: 'ECO_ISIC4_T' },
  { section: 'U', title: 'Activities of extraterritorial organizations and bodies', divisionFrom: '99', divisionTo: '99', iloBroadSector: 'SER', ilostatCode: 'ECO_ISIC4_U' },
  { section: 'X', title: 'Not elsewhere classified', divisionFrom: '', divisionTo: '', iloBroadSector: 'X', ilostatCode: 'ECO_ISIC4_X' },
];

/**
 * The section of an ISIC Rev.4 code: a section letter (A-U, X), or a division, group or class of 2 to 4 digits
 * (`01`, `011`, `0111`) whose division lies in a section's range. Anything else: undefined.
 */
export function isic4SectionOf(code: string): Isic4Section | undefined {
  if (/^[A-Z]$/.test(code)) return ISIC4_SECTIONS.find((s) => s.section === code);
  if (!/^\d{2,4}$/.test(code)) return undefined;
  const division = code.slice(0, 2);
  return ISIC4_SECTIONS.find((s) => s.divisionFrom !== '' && division >= s.divisionFrom && division <= s.divisionTo);
}

/** A valid ISIC Rev.4 section letter or division/group/class code (see isic4SectionOf). */
export function isIsic4Code(code: string): boolean {
  return isic4SectionOf(code) !== undefined;
}
