/** Every step a pipeline file can list, in the order they are documented; later modules add theirs here. */
import { ADMIN_STEPS } from './admin-step.js';
import { CHART_STEPS } from './chart-step.js';
import { COHERENCE_STEPS } from './coherence-step.js';
import { OBSERVATORY_STEPS } from './observatory-step.js';
import { RDS_STEPS } from './rds-step.js';
import { REPORT_STEPS } from './report-step.js';
import { SDG1071_STEPS } from './sdg1071-step.js';
import { SURVEY_STEPS } from './survey-steps.js';
import type { AnyStep } from './steps.js';

export const PIPELINE_STEPS: readonly AnyStep[] = [...SURVEY_STEPS, ...CHART_STEPS, ...SDG1071_STEPS, ...ADMIN_STEPS, ...RDS_STEPS, ...COHERENCE_STEPS, ...OBSERVATORY_STEPS, ...REPORT_STEPS];
