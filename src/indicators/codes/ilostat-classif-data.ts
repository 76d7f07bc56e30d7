/**
 * ILOSTAT classification item codes relevant to labour migration: a copy of the project's shared code list
 * `codelists/ilostat_classif_codes_migration.csv` (92 rows and a header), pinned in migstat on 2026-11-28 (the code
 * list version ILOSTAT_CODES_PINNED in ilostat-classif-codes.ts). The text is the shared file byte for byte, except
 * that its CRLF line ends are LF here; ILOSTAT_CLASSIF_SOURCE_SHA256 below is the SHA-256 of the shared file (with
 * CRLF), which a test checks.
 *
 * Source: compiled for migstat from the ILO's ILOSTAT: classification and indicator dictionaries, the bulk download
 * facility and the SDMX dataflows, read through ILO and third-party mirrors (the evidence column names where each
 * entry was seen; the latest sources read: the Rilostat package at 6b684be, 2026-04-24, and a 2026 check of ILOSTAT's
 * SDMX dataflow list). Data: International Labour Organization, ILOSTAT; compiled facts (codes and titles), attributed
 * to the ILO. See src/indicators/README.md, "Code lists". Do not edit by hand: replace the whole text with a newer
 * copy.
 */
export const ILOSTAT_CLASSIF_CSV = `dimension,code,label,evidence
sex,SEX_T,Total,cyanheads/ilostat-mcp-server tests/fixtures/rplumber/dictionaries.json
sex,SEX_M,Male,cyanheads/ilostat-mcp-server tests/fixtures/rplumber/dictionaries.json
sex,SEX_F,Female,cyanheads/ilostat-mcp-server tests/fixtures/rplumber/dictionaries.json
sex,SEX_O,Other,cyanheads/ilostat-mcp-server tests/fixtures/rplumber/dictionaries.json
"place_of_birth (classif, indicator token CBR)",CBR_BIR_TOTAL,Place of birth: Total,DDF + live SDMX note (find_string id 69793433066) + Rilostat-style usage (id 43019027176)
"place_of_birth (classif, indicator token CBR)",CBR_BIR_NATIVE,Place of birth: Native-born,DDF + live SDMX note (find_string id 69793433066) + Rilostat-style usage (id 43019027176)
"place_of_birth (classif, indicator token CBR)",CBR_BIR_FOREIGN,Place of birth: Foreign-born,DDF + live SDMX note (find_string id 69793433066) + Rilostat-style usage (id 43019027176)
"place_of_birth (classif, indicator token CBR)",CBR_BIR_X,Place of birth: Status unknown,DDF + live SDMX note (find_string id 69793433066) + Rilostat-style usage (id 43019027176)
"citizenship (classif, indicator token CCT)",CCT_CIT_TOTAL,Citizenship: Total,DDF + find_string id 71487247142
"citizenship (classif, indicator token CCT)",CCT_CIT_CITIZEN,Citizenship: Citizens,DDF + find_string id 71487247142
"citizenship (classif, indicator token CCT)",CCT_CIT_NONCIT,Citizenship: Non-citizens,DDF + find_string id 71487247142
"citizenship (classif, indicator token CCT)",CCT_CIT_X,Citizenship: Status unknown,DDF + find_string id 71487247142
country_of_birth,CBR_BRT_TOTAL,Country of birth: Total,DDF; used as filter in MFL_FPOP_SEX_CBR_NB script (id 36411656684)
country_of_birth,CBR_BRT_<ISO3>,Country of birth: <country>  (e.g. CBR_BRT_IND),DDF pattern
country_of_birth,CBR_BRT_X,Country of birth: Other countries,DDF; id 36411656684
country_of_birth,CBR_BRT_ASIA,Country of birth: Asia,DDF
country_of_birth,CBR_BRT_CIS,Country of birth: Commonwealth of Independent States,DDF
country_of_birth,CBR_BRT_EUR,Country of birth: Europe,DDF
country_of_birth,CBR_BRT_USACAN,Country of birth: United States and Canada,DDF
country_of_citizenship,CCT_CTZ_TOTAL,Country of citizenship: Total,DDF
country_of_citizenship,CCT_CTZ_<ISO3>,Country of citizenship: <country>,DDF pattern
country_of_citizenship,CCT_CTZ_X,Country of citizenship: Other countries,DDF
country_of_citizenship,CCT_CTZ_ASIA,Country of citizenship: Asia,DDF
country_of_citizenship,CCT_CTZ_BALTIC,Country of citizenship: Baltics,DDF
country_of_citizenship,CCT_CTZ_CIS,Country of citizenship: Commonwealth of Independent States,DDF
country_of_citizenship,CCT_CTZ_EUR,Country of citizenship: Europe,DDF
country_of_citizenship,CCT_CTZ_AMEN,Country of citizenship: North America,DDF
country_of_citizenship,CCT_CTZ_OCE,Country of citizenship: Oceania,DDF
country_of_citizenship,CCT_CTZ_XASIA,Country of citizenship: Rest of Asia,DDF
residence,CRS_RES_TOTAL,Residence (country of residence of nationals abroad): Total,DDF
residence,CRS_RES_<ISO3>,Residence (country of residence of nationals abroad): <country>,DDF pattern
residence,CRS_RES_X,Residence (country of residence of nationals abroad): Other countries,DDF
previous_residence,CPR_PRV_TOTAL,Previous residence (country of previous usual residence): Total,DDF
previous_residence,CPR_PRV_<ISO3>,Previous residence (country of previous usual residence): <country>,DDF pattern
previous_residence,CPR_PRV_X,Previous residence (country of previous usual residence): Other countries,DDF
destination,CDS_DES_TOTAL,Destination (country of destination of outflows): Total,DDF
destination,CDS_DES_<ISO3>,Destination (country of destination of outflows): <country>,DDF pattern
destination,CDS_DES_X,Destination (country of destination of outflows): Other countries,DDF
migrant_status (token MIG; used e.g. by SDG 8.8.1 injury indicators),MIG_STATUS_TOTAL,Migrant status: Total,DDF
migrant_status (token MIG; used e.g. by SDG 8.8.1 injury indicators),MIG_STATUS_MIGRANT,Migrant status: Migrants,DDF
migrant_status (token MIG; used e.g. by SDG 8.8.1 injury indicators),MIG_STATUS_NONMIG,Migrant status: Non migrants,DDF
migrant_status (token MIG; used e.g. by SDG 8.8.1 injury indicators),MIG_STATUS_MIGRANTEU,Migrant status: EU Migrants,DDF
migrant_status (token MIG; used e.g. by SDG 8.8.1 injury indicators),MIG_STATUS_MIGRANTNOTEU,Migrant status: Migrants excluding EU,DDF
migrant_status (token MIG; used e.g. by SDG 8.8.1 injury indicators),MIG_STATUS_X,Migrant status: Unknown,DDF
age,AGE_YTHADULT_YGE15,"Age (Youth, adults): 15+",cyanheads fixture dictionaries.json (hyphenated form verified)
age,AGE_YTHADULT_Y15-64,"Age (Youth, adults): 15-64",cyanheads fixture dictionaries.json (hyphenated form verified)
age,AGE_YTHADULT_Y15-24,"Age (Youth, adults): 15-24",cyanheads fixture dictionaries.json (hyphenated form verified)
age,AGE_YTHADULT_YGE25,"Age (Youth, adults): 25+",cyanheads fixture dictionaries.json (hyphenated form verified)
age,AGE_AGGREGATE_TOTAL,Age (Aggregate bands): Total,DDF (hyphen restored; DDF shows y15_24)
age,AGE_AGGREGATE_YLT15,Age (Aggregate bands): <15,DDF (hyphen restored; DDF shows y15_24)
age,AGE_AGGREGATE_Y15-24,Age (Aggregate bands): 15-24,DDF (hyphen restored; DDF shows y15_24)
age,AGE_AGGREGATE_Y25-54,Age (Aggregate bands): 25-54,DDF (hyphen restored; DDF shows y15_24)
age,AGE_AGGREGATE_Y55-64,Age (Aggregate bands): 55-64,DDF (hyphen restored; DDF shows y15_24)
age,AGE_AGGREGATE_YGE65,Age (Aggregate bands): 65+,DDF (hyphen restored; DDF shows y15_24)
age,AGE_10YRBANDS_TOTAL,Age (10-year bands): Total,DDF; AGE_10YRBANDS_Y25-34 seen in id 43019027176
age,AGE_10YRBANDS_YLT15,Age (10-year bands): <15,DDF; AGE_10YRBANDS_Y25-34 seen in id 43019027176
age,AGE_10YRBANDS_Y15-24,Age (10-year bands): 15-24,DDF; AGE_10YRBANDS_Y25-34 seen in id 43019027176
age,AGE_10YRBANDS_Y25-34,Age (10-year bands): 25-34,DDF; AGE_10YRBANDS_Y25-34 seen in id 43019027176
age,AGE_10YRBANDS_Y35-44,Age (10-year bands): 35-44,DDF; AGE_10YRBANDS_Y25-34 seen in id 43019027176
age,AGE_10YRBANDS_Y45-54,Age (10-year bands): 45-54,DDF; AGE_10YRBANDS_Y25-34 seen in id 43019027176
age,AGE_10YRBANDS_Y55-64,Age (10-year bands): 55-64,DDF; AGE_10YRBANDS_Y25-34 seen in id 43019027176
age,AGE_10YRBANDS_YGE65,Age (10-year bands): 65+,DDF; AGE_10YRBANDS_Y25-34 seen in id 43019027176
age,AGE_5YRBANDS_Y15-19 ... AGE_5YRBANDS_YGE65,Age (5-year bands) 0-4 ... 65+ (+ _TOTAL),DDF
education,EDU_AGGREGATE_TOTAL,Education (Aggregate levels): Total,DDF + label usage in id 41390752376
education,EDU_AGGREGATE_LTB,Education (Aggregate levels): Less than basic,DDF + label usage in id 41390752376
education,EDU_AGGREGATE_BAS,Education (Aggregate levels): Basic,DDF + label usage in id 41390752376
education,EDU_AGGREGATE_INT,Education (Aggregate levels): Intermediate,DDF + label usage in id 41390752376
education,EDU_AGGREGATE_ADV,Education (Aggregate levels): Advanced,DDF + label usage in id 41390752376
education,EDU_AGGREGATE_X,Education (Aggregate levels): Level not stated,DDF + label usage in id 41390752376
education,EDU_ISCED11_TOTAL | _X | _0 .. _9,Education (ISCED-11) levels (see isced2011_levels.csv),DDF
economic_activity,ECO_ISIC4_TOTAL | _A .. _U | _X,Economic activity (ISIC-Rev.4) sections (see isic4_sections.csv),DDF
economic_activity,ECO_SECTOR_TOTAL,Economic activity (Broad sector): Total,DDF
economic_activity,ECO_SECTOR_AGR,Economic activity (Broad sector): Agriculture,DDF
economic_activity,ECO_SECTOR_NAG,Economic activity (Broad sector): Non-agriculture,DDF
economic_activity,ECO_SECTOR_IND,Economic activity (Broad sector): Industry,DDF
economic_activity,ECO_SECTOR_SER,Economic activity (Broad sector): Services,DDF
economic_activity,ECO_SECTOR_X,Economic activity (Broad sector): Not classified,DDF
occupation,OCU_ISCO08_TOTAL | _0 .. _9 | _X,Occupation (ISCO-08) major groups (see isco08_major_groups.csv),DDF + live SDMX note id 69793433066
occupation,OCU_SKILL_TOTAL,Occupation (Skill level): Total,DDF + id 69793433066
occupation,OCU_SKILL_L3-4,Occupation (Skill level): Skill levels 3 and 4 (high),DDF + id 69793433066
occupation,OCU_SKILL_L2,Occupation (Skill level): Skill level 2 (medium),DDF + id 69793433066
occupation,OCU_SKILL_L1,Occupation (Skill level): Skill level 1 (low),DDF + id 69793433066
occupation,OCU_SKILL_X,Occupation (Skill level): Not elsewhere classified,DDF + id 69793433066
status_in_employment,STE_ICSE93_TOTAL | _1 .. _6,Status in employment (ICSE-93) (see icse93.csv),DDF
status_in_employment,STE_AGGREGATE_TOTAL,Status in employment (Aggregate): Total,DDF
status_in_employment,STE_AGGREGATE_EES,Status in employment (Aggregate): Employees,DDF
status_in_employment,STE_AGGREGATE_SLF,Status in employment (Aggregate): Self-employed,DDF
status_in_employment,STE_AGGREGATE_X,Status in employment (Aggregate): Workers not classifiable by status,DDF
area_type,GEO_COV_NAT,Area type: National,DDF
area_type,GEO_COV_URB,Area type: Urban,DDF
area_type,GEO_COV_RUR,Area type: Rural,DDF
area_type,GEO_COV_X,Area type: Not elsewhere classified,DDF
`;

/** SHA-256 of the source file as shared (CRLF line ends), for the copy check. */
export const ILOSTAT_CLASSIF_SOURCE_SHA256 = 'a3e91feb70c8afb6e8ff11e55f6b8a630a0d6fc787f0d730098e8b8482ed6531';
