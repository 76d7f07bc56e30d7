/** migstat public API: read data, build a survey design, estimate with design-based SEs, contrast domains. */
export { InputError } from './io/errors.js';
export { readCsv, readCsvStream, parseCsv, type CsvOptions } from './io/csv.js';
export { readTable, formatOf, TABLE_FORMATS, type ReadOptions, type TableFormat } from './io/read.js';
export { writeTable, WRITE_FORMATS, type WriteOptions, type WriteFormat } from './io/write-table.js';
export { readSav, readSavInfo, readSavBatches } from './io/sav.js';
export { writeSav } from './io/sav-writer.js';
export { readDta } from './io/dta.js';
export { writeDta } from './io/dta-writer.js';
export { readParquet } from './io/parquet.js';
export { readArrow } from './io/arrow.js';
export { readJson, readNdjson } from './io/json.js';
export { Table, tableFromArrays, type Column, type NumberColumn, type CategoryColumn, type ColumnMeta, type TableMeta, type ValueLabel } from './io/table.js';
export { toCsv, toJson, writeFileAtomic } from './io/write.js';
export { DesignError } from './survey/errors.js';
export type { SurveyData, Vector, NumericVector, CategoricalVector } from './survey/data.js';
export { svyDesign, LONELY_PSU_RULES, type DesignSpec, type LonelyPsu, type SurveyDesign, type Stage } from './survey/design.js';
export { parseCondition, type Condition } from './survey/domains.js';
export {
  estimate, type Design, type EstimateOptions, type EstimateResult, type EstimateRow, type StatRequest, type Statistic, type DesignSummary, type Exclusion,
} from './survey/estimate.js';
export { contrast, rowIndex, type ContrastSpec, type ContrastResult, type ContrastRow, type RowRef } from './survey/contrast.js';
export { scoreCovariance, designDf } from './survey/linearization.js';
export { proportionInterval, PROPORTION_CI_METHODS, type ProportionCiMethod } from './survey/proportion-interval.js';
export { likelihoodInterval } from './survey/likelihood-interval.js';
export { weightedQuantile, sortSample, QUANTILE_RULES, QUANTILE_INTERVAL_TYPES, type QuantileRule, type QuantileIntervalType } from './survey/quantile.js';
export {
  svrepDesign, asReplicateDesign, replicateDf, replicateCovariance,
  type ReplicateDesign, type ReplicateType, type SvrepSpec, type SvrepType, type AsReplicateSpec,
} from './survey/replicate-design.js';
export { calibrate, postStratify, rake, type CalibrateSpec } from './survey/reweight.js';
export {
  calibrationWeights, postStratifyWeights, rakeWeights, parseMargins, modelMatrix, applyCalibrationResiduals, INTERCEPT,
  type CalibrationStep, type CalibrationFunction, type CalibrationOptions, type CalibrationResult, type Margins, type MarginEntry,
} from './survey/calibration.js';
export { nonresponseAdjustment, householdWeights, householdAverage, weightDiagnostics, trimWeights, type WeightDiagnostics } from './survey/weighting.js';
export { svyglm, type GlmSpec, type GlmResult, type GlmCoefficient, type GlmFamily } from './survey/glm.js';
export { loadProfile, profileFromObject } from './profile/load.js';
export { applyProfile } from './profile/apply.js';
export { checkProfile } from './profile/check.js';
export { draftProfile } from './profile/init.js';
export { lookupCountry, COUNTRIES } from './classifications/countries.js';
// concepts
export {
  labourForceStatus, potentialLabourForce, timeRelatedUnderemployment, LF_STATUS, LABOUR_FORCE_STANDARDS,
  type LfStatus, type LabourForceStandard, type YesNoItem, type LabourForceItems, type LabourForceOptions, type LabourForceResult,
  type PotentialLabourForceItems, type UnderemploymentInput,
} from './concepts/labour-force-status.js';
export {
  migrantStatus, MIGRANT_CRITERIA, type MigrantCriterion, type MigrantStatusInput, type MigrantStatusOptions, type MigrantStatusResult,
} from './concepts/migrant-status.js';
export {
  chooseMigrantCriterion, ilostatMigrantCode, ilostatMigrantCodes, migrantStatusBreakdown,
  type MigrantVariablesAvailable, type IlostatMigrantCode,
} from './concepts/migrant-status.js';
export {
  usualResident, RESIDENCE_RULES, type ResidenceRule, type UsualResidenceInput, type UsualResidenceOptions, type UsualResidenceResult,
} from './concepts/usual-residence.js';
export {
  residentMigrantWorkers, nonResidentForeignWorkers, forWorkMigrants, returnMigrantWorkers, recentMigrants, nationalsAbroad,
  MIGRATION_REASONS, WORK_REASONS, VISIT_PURPOSES, NON_WORK_PURPOSES,
  type FlagResult, type MigrationReason, type VisitPurpose, type ResidentMigrantWorkerInput, type NonResidentForeignWorkerInput,
  type NonResidentForeignWorkerOptions, type ForWorkMigrantInput, type ForWorkMigrantOptions, type ReturnMigrantWorkerInput,
  type ReturnMigrantWorkerOptions, type RecentMigrantInput, type RecentMigrantOptions, type NationalsAbroadInput, type NationalsAbroadOptions,
} from './concepts/international-migrant-workers.js';
export {
  ageBandCodes, iscoMajorGroupCodes, iscoSkillLevelCodes, isicSectionCodes, isicSectorCodes, icse93Codes, icseAggregateCodes,
  iscedLevelCodes, iscedAggregateCodes, iloRegionCodes, incomeGroupCodes, ICSE93_OF_ICSE18,
  AGE_SCHEMES, AGE_BREAKDOWNS, ISCO08_BREAKDOWN, SKILL_BREAKDOWN, ISIC4_BREAKDOWN, SECTOR_BREAKDOWN, ICSE93_BREAKDOWN, STE_AGGREGATE_BREAKDOWN,
  ISCED11_BREAKDOWN, EDU_AGGREGATE_BREAKDOWN, ILO_REGION_BREAKDOWNS, INCOME_GROUP_BREAKDOWN, ICSE_VERSIONS, ILO_REGION_LEVELS,
  type AgeScheme, type IcseVersion, type IloRegionLevel,
} from './concepts/derived-groups.js';
export {
  informalEmployment, INFORMALITY_STANDARDS, type InformalityStandard, type InformalityInput, type InformalityOptions, type InformalityResult,
} from './concepts/informality.js';
export {
  iloRegionOf, incomeGroupOf, iloCountryOf, iloCountries, ILO_REGIONS, ILO_SUBREGIONS_BROAD, ILO_SUBREGIONS_DETAILED, INCOME_GROUPS,
  type IloRegion, type IloSubregionBroad, type IloSubregionDetailed, type IncomeGroup, type IloCountry, type IloRegionOfCountry,
} from './classifications/ilo-regions.js';
// indicators: the ILMS catalogue, the engine, quality flags, disclosure control and ILOSTAT/SDMX/tidy outputs
export type { IndicatorCell, IndicatorTable, Breakdown as IndicatorBreakdown, Reliability, Suppression } from './indicators/cell.js';
export {
  ILMS_CORE, INDICATOR_SETS, DERIVED_VARIABLES, CLASSIFICATIONS, IndicatorDefinitionSchema, resolveCriterion,
  type IndicatorDefinition, type DerivedVariable, type ClassificationName,
} from './indicators/catalogue.js';
export { computeIndicators, type ComputeOptions, type DerivedData, type DerivedClassification } from './indicators/compute.js';
export { deriveIndicatorData, type DeriveOptions, type Derivation } from './indicators/derive.js';
export { IndicatorError } from './indicators/errors.js';
export {
  flagReliability, assessReliability, obsStatus, obsStatusOf, parseReliabilityPolicy, kornGraubardEffectiveN, kornGraubardInterval,
  RELIABILITY_PRESETS, RELIABILITY_PRESET_NAMES, DEFAULT_RELIABILITY_POLICY, PolicyError,
  type ReliabilityPolicy, type ReliabilityPolicyInput, type ReliabilityPresetName, type ReliabilityAssessment,
} from './indicators/reliability.js';
export {
  suppressTables, propagateSuppression, parseSuppressionPolicy, DEFAULT_SUPPRESSION_POLICY, SuppressionError,
  type SuppressionPolicy, type SuppressionPolicyInput, type SuppressionResult, type SuppressedQuantity,
} from './indicators/suppression.js';
export { solveLinearProgram, type LinearProgram, type LpSolution, type LpStatus, type LpOptions } from './indicators/linear-program.js';
export { ilostatRows, ilostatFiles, checkIlostatCsv, ILOSTAT_COLUMNS, type IlostatRow, type IlostatOptions } from './indicators/ilostat.js';
export { sdmxCsv, SDMX_COLUMNS, type SdmxOptions, type SdmxCsv } from './indicators/sdmx.js';
export { tidyRows, TIDY_COLUMNS, type TidyRow, type TidyOptions } from './indicators/tidy.js';
export { isIlostatIndicatorCode, isMigstatIndicatorCode } from './indicators/codes/ilostat-indicator-codes.js';
export { isIlostatClassifCode, ILOSTAT_CODES_PINNED } from './indicators/codes/ilostat-classif-codes.js';
export { isMigstatClassifCode } from './indicators/codes/migstat-classif-codes.js';
export { runIndicators, selectDefinitions, type IndicatorRun, type IndicatorRunOptions } from './pipeline/indicators.js';
export { writeIndicatorOutputs, indicatorOutputBytes, INDICATOR_OUTPUT_FORMATS, type IndicatorOutputFormat, type IndicatorOutputOptions } from './report/indicator-files.js';
export { indicatorWorkbook, type WorkbookOptions } from './report/indicator-workbook.js';
export { buildRunMetadata, runMetadataJson, type RunMetadata, type RunMetadataInput } from './report/run-metadata.js';
// charts: Vega-Lite charts of tidy results (SVG, PNG, Vega-Lite JSON)
export { ChartError, type Chart, type ChartOptions } from './charts/chart.js';
export { CHART_KINDS, chartFor, chartsFor, isChartKind, type ChartKind, type SkippedChart } from './charts/charts-for.js';
export { pyramidChart, PYRAMID_INDICATOR } from './charts/pyramid.js';
export { labourRatesChart, LABOUR_RATE_INDICATORS } from './charts/labour-rates.js';
export { employmentCompositionChart, COMPOSITION_BREAKDOWNS, COMPOSITION_INDICATORS, type CompositionBy } from './charts/employment-composition.js';
export { originRegionChart, originCountryChart, originMapChart, ORIGIN_REGION_INDICATOR, ORIGIN_COUNTRY_INDICATOR } from './charts/origin.js';
export { recruitmentCostChart, type RecruitmentCostRow, type RecruitmentCostOptions } from './charts/recruitment-costs.js';
export { roundChangeChart, ROUND_CHANGE_INDICATORS } from './charts/round-change.js';
export { renderChart, chartSvg, chartJson, compileChart, svgToPng, fontFiles, chartFormatOf, CHART_FORMATS, PNG_SCALE, type ChartFormat } from './charts/render.js';
export { readTidyRows } from './charts/read.js';
export { OKABE_ITO, MIGRANT_COLOURS } from './charts/style.js';
// report: the publication report (self-contained HTML and GitHub-flavoured Markdown) from tables, charts and methodology
export { htmlReport } from './report/html-report.js';
export { markdownReport } from './report/markdown-report.js';
export { ReportError, checkReportInput, type ReportInput, type ReportSection, type ReportChart, type ReportMethodology } from './report/report-model.js';
export {
  reportContent, keyFigures, describeReliability, describeSuppression, standardDefinitions, KEY_FIGURES,
  type ReportContent, type KeyFigure, type KeyFigureSpec, type KeyValue, type MethodologyContent,
} from './report/report-content.js';
export { displayTable, classificationLabel, FLAG_LEGEND, type DisplayTable, type DisplayRow, type DisplayUnit, type ReportFlag } from './report/report-format.js';
export { inlineSvg } from './report/report-svg.js';
// pipeline: a pipeline file from microdata to the publication (migstat run)
export { runPipeline, formatRunSummary, SUMMARY_FILE, type RunPipelineOptions, type RunSummary } from './pipeline/run.js';
export { loadPipeline, PipelineError, type Pipeline, type PipelineOptions, type PipelineStepEntry, type SurveyInput } from './pipeline/pipeline-file.js';
export { PIPELINE_STEPS } from './pipeline/step-list.js';
export { step, type StepDefinition, type AnyStep, type PipelineContext, type ReportContribution } from './pipeline/steps.js';
export { Progress, type ProgressStream } from './pipeline/progress.js';
export { StagedOutputs, type OutputFile } from './pipeline/stage.js';
export { loadInputs, loadProfiledInput, describeDesign, type SurveyRound, type ProfiledInput, type LoadedInputs } from './pipeline/survey-input.js';
export { mainSet, type TableSet } from './pipeline/survey-steps.js';
export { designFromOptions, OptionError } from './pipeline/design-options.js';
export { poolRounds, roundChanges, stackRounds, pooledTime, type ProfiledRound, type PooledRun, type ChangeRun } from './pipeline/rounds.js';
// sdg1071: SDG indicator 10.7.1, recruitment costs in months of earnings (src/sdg1071/README.md)
export {
  computeSdg1071, sdg1071Code, SDG1071_MEASURES,
  type Sdg1071Input, type Sdg1071Result, type Sdg1071Choices, type Sdg1071Exclusion, type Sdg1071WorkerSummary,
} from './sdg1071/compute.js';
export {
  parseExchangeRates, readExchangeRates, exchangeRates, parseDeflator, readDeflator, convert, monthOfDays,
  type ExchangeRates, type Deflator,
} from './sdg1071/exchange-rates.js';
export {
  resolveOptions as resolveSdg1071Options, SDG1071_DEFAULTS, SDG1071_ESTIMATORS, SDG1071_BREAKDOWNS, NET_EARNINGS_RULES,
  type Sdg1071Options, type Sdg1071Estimator, type Sdg1071Breakdown, type NetEarningsRule,
} from './sdg1071/options.js';
export { unSdgRows, unSdgCsv, UN_SDG_COLUMNS, type UnSdgRow } from './sdg1071/un-sdg.js';
export { EXCLUSION_REASONS as SDG1071_EXCLUSION_REASONS, type ExclusionReason as Sdg1071ExclusionReason } from './sdg1071/scope.js';
export { corridorRows, type CorridorRow } from './sdg1071/corridors.js';
export { Sdg1071Error } from './sdg1071/errors.js';
// sampling: sample size, allocation across strata, oversampling and design effects for planning
export { SamplingDesignError } from './sampling/design-error.js';
export {
  sampleSize, precision, domainCv, predictCells, roundUp,
  type PrecisionTarget, type PlanningOptions, type PlannedParameter, type SampleSize, type Precision,
  type PlannedCell, type PredictedCell, type PredictedReliability, type CvBands,
} from './sampling/sample-size.js';
export {
  allocate, boundedAllocation, roundAllocation, stratifiedVariance, stratumWeightDeff, ALLOCATION_METHODS,
  type AllocationMethod, type StratumSpec, type AllocationOptions, type AllocatedStratum, type Allocation,
} from './sampling/allocation.js';
export { oversampling, type ConcentrationStratum, type OversamplingOptions, type OversampledStratum, type Oversampling } from './sampling/oversampling.js';
export {
  designEffects, effectiveSize, clusterDeff, rhoFromDeff, allocationDeff,
  type DesignEffectRow, type DesignEffectTable, type EffectiveSize,
} from './sampling/design-effects.js';
// sampling: respondent-driven sampling (RDS-I, RDS-II, Gile's SS, Salganik bootstrap, diagnostics) and time-location sampling
export {
  rdsFromRecruiters, rdsFromCoupons, rdsSummary,
  type RdsSample, type RecruiterFormat, type CouponFormat, type RdsReadOptions, type OrphanRule, type ChainProblem, type ChainProblemKind,
} from './sampling/rds-data.js';
export {
  RDS_ESTIMATORS, DEGREE_RULES, treatDegrees, vhWeights, rds1Weights, ssWeights, elStandardError, stationaryDistribution, countTransitions,
  quantileGroups, estimatorWeights, weightedEstimates,
  type RdsEstimator, type DegreeRule, type DegreeTreatment, type Rds1Details, type SsOptions, type RdsInput, type RdsOutcomeValues,
} from './sampling/rds-estimators.js';
export {
  rdsEstimate, prepareRds, rdsPoint,
  type RdsOptions, type RdsAnalysis, type RdsResultRow, type RdsExclusion, type SeedRule, type PreparedRds,
} from './sampling/rds-analysis.js';
export { salganikBootstrap, type BootstrapOptions, type BootstrapResult, type BootstrapResample } from './sampling/rds-bootstrap.js';
export { rdsConvergence, rdsBottlenecks, rdsHomophily, type ConvergenceRow, type BottleneckRow, type HomophilyRow } from './sampling/rds-diagnostics.js';
export { tlsWeights, tlsDesign, TLS_WEIGHT, type TlsSpec, type TlsWeights, type VisitsRule } from './sampling/time-location.js';
export { rdsConvergenceChart, rdsBottleneckChart, RDS_ESTIMATOR_NAMES, type RdsChartOptions } from './charts/rds-diagnostics.js';
export { runSdg1071, writeSdg1071, surveyYearOf, SDG1071_FORMATS, UN_SDG_FILE, type Sdg1071Run, type Sdg1071Inputs, type Sdg1071Format } from './pipeline/sdg1071.js';
// admin: registers through a register profile, permit spells, stocks, flows, durations, demand for foreign labour, survey comparison
export {
  AdminError, readRegisterFile, registerRecords, isoToDays, daysToIso, parseDateOption, REGISTER_COLUMNS, PERSON_IDENTIFIERS,
  type PermitRecord, type Decision, type ReadRegisterOptions, type RegisterRecordOptions,
} from './admin/registers.js';
export {
  checkPermits, isValidAt, lastValidDay, renewalEpisodes, personSpells, FIX_REVERSED,
  type FixReversed, type SpellLog, type CheckedPermits, type Episode, type PersonSpell,
} from './admin/spells.js';
export {
  stockTables, validAt, tabulate, adminSuppression, adminBreakdowns, dimensionCodes, parseDimensions, registerCell, ageOn, codeToken, isAdminClassifCode,
  ADMIN_DIMENSIONS, DIMENSION_TOKENS, ADMIN_SEX_CODES,
  type AdminDimension, type StockOptions, type StockResult, type TabUnit, type AdminSuppression,
} from './admin/stocks.js';
export { flowTables, inflowCode, durationDays, type FlowOptions, type FlowCounts, type FlowResult } from './admin/flows.js';
export { demandTables, rankDemand, DEMAND_RANK_COLUMNS, type DemandOptions, type DemandResult, type DemandRankRow } from './admin/demand.js';
export {
  compareWithSurvey, coverageRatio, surveyCellsFromTable, surveyCellsFromIndicators, COMPARISON_COLUMNS,
  type SurveyCell, type ComparisonOptions, type ComparisonRow,
} from './admin/survey-comparison.js';
// coherence: policy coherence between employment, education/training and labour migration policies (rubric, responses, scores, agreement, interactions, evidence, charts)
export { CoherenceError, type CoherenceProblem } from './coherence/errors.js';
export { krippendorffAlpha, ALPHA_METRICS, type AlphaMetric, type AlphaValue, type AlphaResult } from './coherence/krippendorff.js';
export {
  loadRubric, parseRubric, defaultRubric, questionIndex, rubricSchema,
  type Rubric, type RubricData, type RubricScale, type RubricQuestion, type RubricDimension, type RubricAggregation, type EvidenceLink, type QuestionRef,
} from './coherence/rubric.js';
export { ILO_DEFAULT_RUBRIC_YAML } from './coherence/rubrics/ilo-default.js';
export { readResponses, responsesFromRows, readRawRows, RESPONSE_COLUMNS, MISSING_SCORES, type Response as CoherenceResponse, type ResponseSet, type Assessor, type RawRows } from './coherence/responses.js';
export {
  scoreResponses, weightedMean, aggregationRule, AGREEMENT_METRICS,
  type ScoreResult, type QuestionScore, type DimensionScore, type OverallScore, type Contribution, type Spread, type MissingAnswer, type AgreementRow, type AssessorDimensionScore,
} from './coherence/scores.js';
export {
  readInteractionMatrix, interactionsFromRows, INTERACTION_SCALE, INTERACTION_DOMAINS, INTERACTION_COLUMNS,
  type InteractionMatrix, type Interaction, type InteractionDomain, type ObjectiveSummary,
} from './coherence/interaction-matrix.js';
export { assessEvidence, readIndicatorRows, indicatorRowsFromTables, type IndicatorRow, type EvidenceResult, type EvidenceStatus } from './coherence/evidence.js';
export { assessCoherence, coherenceTables, gapTable, plainTableCsv, coherenceJson, type CoherenceResult, type AssessOptions, type GapRow, type PlainTable } from './coherence/assess.js';
export { assessCoherenceFiles, type CoherenceFiles, type CoherenceRun } from './coherence/run.js';
export { coherenceRadarChart, groupDimensionScores, OVERALL_SERIES, type CoherenceChartOptions } from './charts/coherence-radar.js';
export { coherenceHeatmapChart, INTERACTION_COLOURS, INTERACTION_SCORES, INTERACTION_LEGEND } from './charts/coherence-heatmap.js';
export { coherenceReportSection, type CoherenceReportSection } from './charts/coherence-report.js';
// global: the regional labour migration observatory (src/global/OBSERVATORY.md): DuckDB database, ingest, validation, estimates, dashboard
export { ObservatoryDb, withObservatory, seriesKey, OBSERVATORY_SCHEMA_VERSION, type SeriesRow, type StoredRow, type IngestBatch, type IngestSummary, type Conflict, type EstimateRow as ObservatoryEstimateRow, type Skipped } from './global/observatory-db.js';
export { ObservatoryError } from './global/observatory-errors.js';
export {
  MEASURES, MEASURE_LABELS, COUNT_MEASURES, RATE_MEASURES, QUALITY_FLAGS, MIGRANT_STATUSES, mapIndicator, parseAge, parseSex, parseMigrantCode, ageInterval, ageLabel,
  type Measure, type MigrantStatus, type IndicatorMapping,
} from './global/observatory-codes.js';
export {
  INPUT_KINDS, detectKind, readInput, ingestFiles, ingestAndCheck, batchProblems, describeIngest, readIlostatText, readMigstatOutput, readWppText, readDesaText, WPP_COLUMNS, DESA_COLUMNS,
  type InputKind,
} from './global/observatory-ingest.js';
export { readTemplate, templateWorkbook, TEMPLATE_VERSION, TEMPLATE_SHEETS, TEMPLATE_COLUMNS, TEMPLATE_FIELDS, type TemplateMetadata } from './global/observatory-template.js';
export {
  validateSeries, comparabilityTable, CHECKS as OBSERVATORY_CHECKS, VALIDATE_DEFAULTS, PROBLEM_COLUMNS, COMPARABILITY_COLUMNS,
  type Problem, type Validation, type ValidateOptions, type ComparabilityRow,
} from './global/observatory-validate.js';
export { observatoryEstimates, estimationInputs, interpolatedBenchmarks, ESTIMATE_AGES, type ObservatoryEstimateOptions, type OnConflict } from './global/observatory-estimate.js';
export { seriesCsv, conflictsCsv, problemsCsv, comparabilityCsv, estimatesCsv } from './global/observatory-export.js';
export { dashboardModel, type DashboardModel, type DashboardOptions } from './report/dashboard-data.js';
export { dashboardFiles, writeDashboard } from './report/dashboard-site.js';
// global: regional and global estimates of migrant workers, the method of the ILO Global Estimates' 2nd and 3rd editions (src/global/METHOD.md)
export {
  crossProductRatio, logCrossProductRatioSe, feasibleRange, fitMigrantLabourForce, solveMigrantLabourForce, fitTwoByTwo, tableOf,
  ipfTwoByTwo, participationRates, cellsOf,
  type TwoByTwo, type Margins as TwoByTwoMargins, type CellCovariance, type IpfResult,
} from './global/cross-product-ratio.js';
export {
  groupsOf, buildFrame, groupKey, levelIndex, imputePass, migrantWorkersOf, imputeFrame, IMPUTATION_TARGETS, IMPUTATION_LEVELS, DONOR_WEIGHTINGS,
  type CountryGroups, type NationalEstimate, type CountryCellInput, type CountryInput, type ImputationTarget, type ImputationLevel,
  type DonorWeighting, type ImputationOptions, type EstimationFrame, type LevelIndex, type ImputedValues, type ImputationRecord,
  type CountryCellEstimate, type Imputation,
} from './global/imputation.js';
export {
  aggregate as aggregateGlobal, aggregationPlan, sumByPlan, measuresOf, groupName, replicatePublished, GLOBAL_ESTIMATES_2022,
  AGGREGATE_DIMENSIONS, BREAKDOWNS as GLOBAL_BREAKDOWNS, AGGREGATE_MEASURES,
  type AggregateDimension, type Breakdown as GlobalBreakdown, type AggregateInput, type AggregateOptions, type AggregateKey, type AggregateRow,
  type AggregateMeasure, type AggregationPlan, type PublishedRegionFigure, type PublishedShareCheck, type PublishedReplication,
} from './global/aggregation.js';
export {
  bootstrapAggregates, estimateGlobal, normalDraw, BOOTSTRAP_STRATA, BOOTSTRAP_DEFAULTS,
  type BootstrapStrata, type BootstrapOptions as GlobalBootstrapOptions, type Interval as GlobalInterval, type AggregateEstimate,
  type BootstrapResult as GlobalBootstrapResult, type GlobalEstimateOptions, type GlobalEstimates,
} from './global/uncertainty.js';
export {
  interpolateStock, interpolateSeries, INTERPOLATION_METHODS,
  type InterpolationMethod, type Extrapolation, type InterpolationOptions, type InterpolatedValue, type YearValue, type KeyedSeries,
} from './global/interpolation.js';
export {
  syntheticWorld, syntheticInputs, syntheticTruth, imputationAccuracy, runSyntheticWorld, coverageStudy, SYNTHETIC_SEXES, SYNTHETIC_AGES,
  type SyntheticWorldOptions, type SyntheticSurveyCell, type SyntheticCell, type SyntheticCountry, type SyntheticWorld,
  type ImputationAccuracy, type SyntheticRun, type CoverageRow, type CoverageStudy,
} from './global/synthetic-world.js';
// interop: migstat tables and result rows to and from Apache Arrow tables and danfojs-node DataFrames (optional dependency)
export {
  toArrow, fromArrow, rowsToArrow, toDataFrame, fromDataFrame, recordColumns, loadDanfo, ARROW_META_KEY,
  type DataFrameLike, type ResultRecord,
} from './io/interop.js';
