/**
 * The default rubric (ILO instruments cited per question), as YAML text so that it ships in dist/ without a data file:
 * examples/coherence/rubric.yaml is the same text (a test keeps them equal). Loaded with `defaultRubric()` (rubric.ts).
 */
export const ILO_DEFAULT_RUBRIC_YAML = `# migstat default rubric for assessing policy coherence between employment, education/training and labour migration
# policies. Each question cites the instruments it draws on; a citation marked "(unverified)" names a document whose exact
# title or year this rubric could not confirm. Copy this file to write your own rubric (src/coherence/README.md).
rubric: 1
id: ilo-default
title: Policy coherence between employment, education/training and labour migration policies (migstat default rubric)
version: "2026.1"
scale:                                  # the scale of every question unless a question gives its own
  min: 0
  max: 4
  anchors:
    0: No policy, law or measure addresses the question
    1: A policy intention is stated, without operational measures, budget or responsible body
    2: Measures are adopted but cover only part of the workers or are not yet implemented
    3: Measures are implemented, with gaps in coverage, resources, enforcement or monitoring
    4: Measures are implemented, monitored with data and coordinated across employment, education/training and migration policies
aggregation:
  assessors: equal-groups               # each stakeholder group weighs the same; assessors equally within their group
  question: weighted-mean               # of the assessors' scores, with the weights above (available answers only)
  dimension: weighted-mean              # of the question scores rescaled to 0-100, with the question weights
  overall: weighted-mean                # of the dimension scores, with the dimension weights
  min_answered_share: 0.5               # a question needs answers from at least half of the assessors, else it is missing
  min_weight_share: 0.5                 # a dimension needs at least half of its question weight answered, else it is missing
  low_score: 50                         # the gap table lists dimensions scoring below this (0-100)
dimensions:
  - id: admission
    title: Labour market needs and admission
    weight: 1
    questions:
      - id: ADM1
        text: Are admission quotas, occupation lists or labour market tests for migrant workers based on a regularly updated assessment of labour market needs, including labour and skills shortages?
        evidence: [labour market information system or skills needs assessment (latest edition and date), legal basis of the quota or list or test, vacancy and permit statistics]
        sources:
          - ILO Migration for Employment Recommendation (Revised), 1949 (No. 86)
          - ILO Multilateral Framework on Labour Migration (2006)
          - ILO Employment Policy Convention, 1964 (No. 122)
      - id: ADM2
        text: Are the social partners consulted on admission policy (quotas, occupation lists, labour market tests) through a standing tripartite mechanism?
        evidence: [terms of reference and minutes of the tripartite body, consultations held in the last two years]
        sources:
          - ILO Multilateral Framework on Labour Migration (2006)
          - ILO Tripartite Consultation (International Labour Standards) Convention, 1976 (No. 144)
      - id: ADM3
        text: Are work permit procedures transparent, with published criteria, fees and processing times, and can migrant workers change employer without losing their legal status?
        evidence: [published permit criteria and fees, permit processing time statistics, rules on changing employer]
        sources:
          - ILO Migrant Workers (Supplementary Provisions) Convention, 1975 (No. 143), Article 14
          - ILO Migrant Workers Recommendation, 1975 (No. 151)
          - ILO Multilateral Framework on Labour Migration (2006)
      - id: ADM4
        text: Are public employment services open to migrant workers and do they inform on jobs, rights and admission rules free of charge?
        evidence: [public employment service mandate and services for migrant workers, free information services]
        sources:
          - ILO Migration for Employment Convention (Revised), 1949 (No. 97), Articles 2 and 7
          - ILO Employment Service Convention, 1948 (No. 88)
  - id: skills
    title: Skills and recognition
    weight: 1
    questions:
      - id: SKL1
        text: Are there procedures to recognise the qualifications and skills of migrant workers (including prior learning) that are accessible in cost, time and language?
        evidence: [recognition procedure and fees, number of recognition decisions, mutual recognition agreements]
        sources:
          - ILO Human Resources Development Recommendation, 2004 (No. 195), recognition and portability of skills
          - ILO Multilateral Framework on Labour Migration (2006)
          - Global Compact for Safe, Orderly and Regular Migration (2018), objective 18
      - id: SKL2
        text: Do education and training policies take account of migration (skills partnerships, training for occupations in shortage, pre-departure and language training)?
        evidence: [education/training strategy provisions on migration, skills partnership agreements]
        sources:
          - ILO Human Resources Development Convention, 1975 (No. 142)
          - ILO Human Resources Development Recommendation, 2004 (No. 195)
      - id: SKL3
        text: Is skills mismatch of migrant workers (over-qualification) measured and used to adjust recognition and admission policies?
        evidence: [over-qualification rate of migrant and non-migrant workers, policy review using it]
        sources:
          - Guidelines concerning the measurement of qualifications and skills mismatches of persons in employment, 20th ICLS (2018)
          - ILO Multilateral Framework on Labour Migration (2006)
  - id: recruitment
    title: Fair recruitment
    weight: 1
    questions:
      - id: REC1
        text: Does the law prohibit charging recruitment fees and related costs to workers, in line with the ILO definition, and is the prohibition enforced?
        evidence: [legal provision on fees, ILO definition adopted or not, inspections and sanctions]
        sources:
          - ILO Private Employment Agencies Convention, 1997 (No. 181), Article 7
          - ILO General principles and operational guidelines for fair recruitment and Definition of recruitment fees and related costs (2019)
      - id: REC2
        text: Are private employment agencies and recruiters licensed or registered, monitored, and held jointly liable with employers?
        evidence: [licensing rules, register of agencies, licences suspended or withdrawn]
        sources:
          - ILO Private Employment Agencies Convention, 1997 (No. 181), Article 3
          - ILO Private Employment Agencies Recommendation, 1997 (No. 188)
          - ILO General principles and operational guidelines for fair recruitment (2019)
      - id: REC3
        text: Are recruitment costs borne by workers measured (SDG indicator 10.7.1) and used to set targets with countries of origin and destination?
        evidence: [SDG 10.7.1 estimate and its survey, bilateral agreements with provisions on recruitment costs]
        sources:
          - SDG indicator 10.7.1 (custodians ILO and World Bank)
          - Global Compact for Safe, Orderly and Regular Migration (2018), objective 6
      - id: REC4
        text: Are migrant workers protected against deceptive recruitment and contract substitution (written contract before departure, in a language they understand)?
        evidence: [contract rules, complaints of contract substitution received and resolved]
        sources:
          - ILO Migration for Employment Convention (Revised), 1949 (No. 97), Annex I Article 5
          - ILO Protocol of 2014 to the Forced Labour Convention, 1930, Article 2(d)
          - ILO Domestic Workers Convention, 2011 (No. 189), Articles 8 and 15
  - id: rights
    title: Labour rights and working conditions
    weight: 1
    questions:
      - id: RGT1
        text: Do migrant workers enjoy equal treatment with nationals in pay, hours, safety and health, and trade union membership, in law and in practice?
        evidence: [legal provisions, migrant versus non-migrant pay gap, complaints and court cases]
        sources:
          - ILO Migration for Employment Convention (Revised), 1949 (No. 97), Article 6
          - ILO Migrant Workers (Supplementary Provisions) Convention, 1975 (No. 143), Part II
          - ILO Discrimination (Employment and Occupation) Convention, 1958 (No. 111)
      - id: RGT2
        text: Does labour inspection cover the sectors where migrant workers concentrate (agriculture, construction, domestic work), separately from immigration enforcement?
        evidence: [inspection plan and coverage by sector, firewall between inspection and immigration enforcement]
        sources:
          - ILO Labour Inspection Convention, 1947 (No. 81)
          - ILO Domestic Workers Convention, 2011 (No. 189)
          - ILO Multilateral Framework on Labour Migration (2006)
      - id: RGT3
        text: Do policies address the informal employment of migrant workers, with routes to formal employment and regular status?
        evidence: [informal employment rate of migrant and non-migrant workers, regularisation or formalisation measures]
        sources:
          - ILO Transition from the Informal to the Formal Economy Recommendation, 2015 (No. 204)
          - ILO Migrant Workers (Supplementary Provisions) Convention, 1975 (No. 143), Part I
      - id: RGT4
        text: Can migrant workers, whatever their status, file complaints and obtain remedies without fear of expulsion?
        evidence: [complaint mechanisms open to migrant workers, cases received and resolved]
        sources:
          - ILO Migrant Workers (Supplementary Provisions) Convention, 1975 (No. 143), Article 9
          - ILO Multilateral Framework on Labour Migration (2006)
  - id: protection
    title: Social protection
    weight: 1
    questions:
      - id: SOC1
        text: Are migrant workers covered by social security schemes on equal terms with nationals (health, employment injury, old age, unemployment)?
        evidence: [scheme rules on migrant workers, contributors by citizenship]
        sources:
          - ILO Social Security (Minimum Standards) Convention, 1952 (No. 102), Article 68
          - ILO Equality of Treatment (Social Security) Convention, 1962 (No. 118)
      - id: SOC2
        text: Are social security rights portable (bilateral or multilateral social security agreements, export of benefits)?
        evidence: [social security agreements in force and the countries they cover]
        sources:
          - ILO Maintenance of Social Security Rights Convention, 1982 (No. 157)
          - Global Compact for Safe, Orderly and Regular Migration (2018), objective 22
      - id: SOC3
        text: Does the national social protection floor reach migrant workers and their families?
        evidence: [social protection floor provisions on non-nationals, coverage data]
        sources:
          - ILO Social Protection Floors Recommendation, 2012 (No. 202)
  - id: return
    title: Return and reintegration
    weight: 1
    questions:
      - id: RET1
        text: Are there measures for the labour market reintegration of returning migrant workers (job matching, recognition of skills acquired abroad, business support)?
        evidence: [reintegration programme, returnees served, return migrant workers in the labour force survey]
        sources:
          - ILO Migration for Employment Recommendation (Revised), 1949 (No. 86)
          - ILO Employment and Decent Work for Peace and Resilience Recommendation, 2017 (No. 205), refugees and returnees
          - Global Compact for Safe, Orderly and Regular Migration (2018), objective 21
      - id: RET2
        text: Are skills gained abroad recognised on return and linked to national qualification frameworks?
        evidence: [recognition of prior learning for returnees, certificates issued]
        sources:
          - ILO Human Resources Development Recommendation, 2004 (No. 195)
          - ILO Multilateral Framework on Labour Migration (2006)
      - id: RET3
        text: Do returning migrant workers keep access to the social security rights and savings they built abroad?
        evidence: [agreements and procedures for the transfer of entitlements]
        sources:
          - ILO Maintenance of Social Security Rights Convention, 1982 (No. 157)
          - ILO Migrant Workers Recommendation, 1975 (No. 151)
  - id: coordination
    title: Institutional coordination and data
    weight: 1
    questions:
      - id: COO1
        text: Is there a standing coordination mechanism between the ministries of labour, education/training and interior (migration), with the social partners, that reviews the coherence of their policies?
        evidence: [decree or terms of reference, meetings and decisions in the last two years]
        sources:
          - ILO Multilateral Framework on Labour Migration (2006)
          - ILO practical guidance on promoting coherence among employment, education/training and labour migration policies (2017) (unverified title)
      - id: COO2
        text: Are labour migration statistics produced regularly under the international standards (labour force survey module, administrative records) and published?
        evidence: [survey module and its schedule, published tables, SDG 10.7.1 reporting]
        sources:
          - Guidelines concerning statistics of international labour migration, 20th ICLS (2018)
          - ILO Labour Statistics Convention, 1985 (No. 160)
          - Global Compact for Safe, Orderly and Regular Migration (2018), objective 1
      - id: COO3
        text: Are the employment policy, the education/training strategy and the labour migration policy explicitly consistent with one another (cross-references, shared targets)?
        evidence: [policy documents and the passages that refer to the other policies, shared targets]
        sources:
          - ILO Employment Policy Convention, 1964 (No. 122)
          - ILO manual on the participatory assessment of policy coherence between employment, education/training and labour migration policies (2021) (unverified title)
      - id: COO4
        text: Are bilateral labour migration agreements negotiated jointly by the ministries concerned and with the social partners, and monitored?
        evidence: [agreements in force, joint committees and their reports]
        sources:
          - ILO Migration for Employment Recommendation (Revised), 1949 (No. 86), Annex (model agreement)
          - ILO Multilateral Framework on Labour Migration (2006)
evidence:                               # outcome indicators computed by migstat, linked to dimensions
  - id: unemployment-gap
    dimension: admission
    label: Unemployment rate, migrants minus non-migrants
    indicator: MGS_GAP_TUNE_SEX_{MIG}_RT
    kind: value                          # the cell itself: a gap with its delta-method interval
    unit: percentage points
    adverse: above
    threshold: 0
  - id: overqualification-gap
    dimension: skills
    label: Over-qualification rate, migrants minus non-migrants
    indicator: MGS_OVQ_SEX_{MIG}_RT
    kind: migrant-gap                    # migrant cell minus non-migrant cell of a rate
    unit: percentage points
    adverse: above
    threshold: 0
  - id: recruitment-cost
    dimension: recruitment
    label: "SDG 10.7.1: recruitment cost borne by employee (months of first-month earnings)"
    indicator: MGS_RCI_SEX_MO
    kind: value
    unit: months of earnings
    adverse: above
    threshold: 1                         # a national target; set your own
  - id: pay-gap
    dimension: rights
    label: Migrant pay gap (1 - migrant over non-migrant mean earnings)
    indicator: MGS_PGAP_SEX_{MIG}_RT
    kind: value
    unit: per cent
    adverse: above
    threshold: 0
  - id: informality-gap
    dimension: rights
    label: Informal employment rate, migrants minus non-migrants
    indicator: MGS_IFL_SEX_{MIG}_RT
    kind: migrant-gap
    unit: percentage points
    adverse: above
    threshold: 0
  - id: permit-processing
    dimension: admission
    label: Work permit processing time (median days from application to decision)
    indicator: MGS_PERMIT_DAYS_MEDIAN    # a tidy row supplied from the permit register: migstat has no such code yet
    kind: value
    unit: days
    adverse: above
    threshold: 30
`;
