/**
 * truth.json of datasets/atlantis-permits: the true stocks, flows, applications and list coverage, computed from the
 * population's true timeline and the draw's true spells (not from the recorded rows), under the rules in RULES.
 */
import { incomeGroupOf } from '../../src/classifications/ilo-regions.js';
import { CAPTURE, DEFECTS, FLOW_YEAR, NATIONALITIES, PERIOD, REFERENCE_DATES, RENEWAL_WINDOW_DAYS, day } from './permits-country.js';
import { lastValid, presentOn, type Person, type PermitsPopulation } from './permits-population.js';
import { captureProbabilities, IN_WP, type PermitsDraw, type TrueSpell } from './permits-registers.js';

/** The rules of every number in truth.json, as text (restated in the codebook). */
export const RULES = {
  valid_work_permit: 'a work permit row is valid on day d if decision = granted and start_date <= d <= min(end_date, cancellation_date - 1 day), with the true end date (truth_links.csv true_end_date) for rows flagged end_before_start',
  holder: 'a person holds a work permit on d if one of its rows (all register person ids of the same person_key in truth_links.csv) is valid on d; valid_permits counts rows, persons counts distinct person keys',
  present: 'a person of the population is present on d if d lies in one of its stays (entry to departure, both included); the population file is not shipped: present counts come from the generator',
  in_list_on_date: 'a present person is in a list on d if a row of that list linked to it (truth_links.csv) is valid on d: work permits as above; residence permits start_date <= d <= end_date; social security start_date <= d <= end_date or end_date empty (open); rows flagged duplicate_spell count like the others (same person)',
  history: 'capture history on d among present persons, three characters for work permits, residence permits and social security (1 = in the list on d), e.g. 101',
  inflow: `persons whose first granted work permit (earliest start_date among their granted rows) starts in ${FLOW_YEAR}`,
  renewal: `granted rows with a previous_permit_id and start_date in ${FLOW_YEAR}`,
  outflow: `granted rows whose last valid day min(end_date, cancellation_date - 1) falls in ${FLOW_YEAR} and that were cancelled (cancelled), or that no other granted row of the same person starting after their start_date and at the latest ${RENEWAL_WINDOW_DAYS} days after their last valid day follows (expired_without_renewal)`,
  duration: `days from start_date to the last valid day, both included, of granted rows starting in ${FLOW_YEAR}; the median of an even count is the mean of the two middle values`,
  applications: `work permit rows with application_date in ${FLOW_YEAR}, by decision, ISCO-08 major group (first digit of occupation), ISIC section (sector) and labour market test outcome; vacancies_filled counts distinct vacancy ids of granted rows`,
  capture: 'the capture model: a person of the population (not a refused applicant) is in a list if it has at least one row there over 2019-2024; probabilities by nationality and sex from the model in permits-country.ts CAPTURE; zero-chance persons are never captured',
} as const;

export interface Counter {
  [k: string]: number;
}

function inc(c: Counter, k: string, by = 1): void {
  c[k] = (c[k] ?? 0) + by;
}

function sorted(c: Counter): Counter {
  return Object.fromEntries(Object.keys(c).sort().map((k) => [k, c[k]!]));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

function yearOf(d: number): number {
  return new Date(d * 86_400_000).getUTCFullYear();
}

/** Groups true spells by person index. */
function byPerson(spells: readonly TrueSpell[]): Map<number, TrueSpell[]> {
  const m = new Map<number, TrueSpell[]>();
  for (const s of spells) {
    const list = m.get(s.who);
    if (list) list.push(s);
    else m.set(s.who, [s]);
  }
  return m;
}

/** The content of truth.json. */
export function computePermitsTruth(pop: PermitsPopulation, draw: PermitsDraw): Record<string, unknown> {
  const nat = (p: Person) => NATIONALITIES[p.nat]!.iso3;
  const persons = pop.persons;
  const capture = draw.capture;
  const rpOf = byPerson(draw.spells.rp);
  const ssOf = byPerson(draw.spells.ss);
  const wpHolders = (i: number) => (capture[i]! & IN_WP ? persons[i]!.spells.filter((s) => s.granted) : []);

  // population
  const byNat: Record<string, { persons: number; women: number; zero_chance: number; income_group: string }> = {};
  for (const n of NATIONALITIES) byNat[n.iso3] = { persons: 0, women: 0, zero_chance: 0, income_group: incomeGroupOf(n.iso3)?.code ?? '' };
  for (const p of persons) {
    const b = byNat[nat(p)]!;
    b.persons += 1;
    if (p.sex === 'F') b.women += 1;
    if (p.zeroChance) b.zero_chance += 1;
  }

  // reference dates
  const reference: Record<string, unknown> = {};
  for (const ref of REFERENCE_DATES) {
    const d = day(ref);
    let present = 0;
    let zero = 0;
    const inList = { wp: 0, rp: 0, ss: 0 };
    const histories: Counter = {};
    const historiesNonZero: Counter = {};
    let validPermits = 0;
    let holders = 0;
    let holdersPresent = 0;
    const cells: Record<string, { valid_permits: number; persons: number }> = {};
    persons.forEach((p, i) => {
      const valid = wpHolders(i).filter((s) => s.start <= d && d <= lastValid(s)).length;
      if (valid > 0) {
        validPermits += valid;
        holders += 1;
        const key = `${nat(p)} ${p.sex}`;
        const c = (cells[key] ??= { valid_permits: 0, persons: 0 });
        c.valid_permits += valid;
        c.persons += 1;
      }
      if (!presentOn(p, d)) return;
      present += 1;
      if (p.zeroChance) zero += 1;
      if (valid > 0) holdersPresent += 1;
      const wp = valid > 0;
      const rp = (rpOf.get(i) ?? []).some((s) => s.start <= d && d <= s.end);
      const ss = (ssOf.get(i) ?? []).some((s) => s.start <= d && d <= s.end);
      if (wp) inList.wp += 1;
      if (rp) inList.rp += 1;
      if (ss) inList.ss += 1;
      const h = `${wp ? 1 : 0}${rp ? 1 : 0}${ss ? 1 : 0}`;
      inc(histories, h);
      if (!p.zeroChance) inc(historiesNonZero, h);
    });
    let renewalsOnDate = 0;
    persons.forEach((p, i) => {
      for (const s of wpHolders(i)) if (s.start === d && s.renews >= 0) renewalsOnDate += 1;
    });
    reference[ref] = {
      present, present_zero_chance: zero, present_nonzero_chance: present - zero,
      in_list: inList, in_none: histories['000'] ?? 0, histories: sorted(histories), histories_nonzero_chance: sorted(historiesNonZero),
      work_permits: {
        valid_permits: validPermits, persons: holders, persons_present: holdersPresent, persons_not_present: holders - holdersPresent,
        renewals_starting_on_date: renewalsOnDate,
        by_nationality_sex: Object.keys(cells).sort().map((k) => ({ nationality: k.slice(0, 3), sex: k.slice(4), ...cells[k]! })),
      },
    };
  }

  // flows
  const inflowsByNat: Counter = {};
  let inflows = 0;
  let renewals = 0;
  let cancelled = 0;
  let expired = 0;
  const outflowPersons = new Set<number>();
  const durations: number[] = [];
  persons.forEach((p, i) => {
    const granted = wpHolders(i);
    if (granted.length === 0) return;
    const first = Math.min(...granted.map((s) => s.start));
    if (yearOf(first) === FLOW_YEAR) {
      inflows += 1;
      inc(inflowsByNat, nat(p));
    }
    for (const s of granted) {
      if (yearOf(s.start) === FLOW_YEAR) {
        if (s.renews >= 0) renewals += 1;
        durations.push(lastValid(s) - s.start + 1);
      }
      const last = lastValid(s);
      if (yearOf(last) !== FLOW_YEAR) continue;
      if (s.cancel >= 0) {
        cancelled += 1;
        outflowPersons.add(i);
      } else if (!granted.some((q) => q !== s && q.start > s.start && q.start <= last + RENEWAL_WINDOW_DAYS)) {
        expired += 1;
        outflowPersons.add(i);
      }
    }
  });

  // applications
  const everyone = [...persons, ...pop.applicants];
  const byMajor: Record<string, Counter> = {};
  const bySector: Record<string, Counter> = {};
  const total: Counter = {};
  const vacancies = new Set<string>();
  const wpRows = draw.spells.wp;
  const seen = new Set<string>();
  for (const t of wpRows) {
    const p = everyone[t.who]!;
    if (seen.has(p.key)) continue;
    seen.add(p.key);
    for (const s of p.spells) {
      if (yearOf(s.application) !== FLOW_YEAR) continue;
      const sector = pop.employers[s.employer]!.sector;
      for (const c of [(byMajor[p.occupation[0]!] ??= {}), (bySector[sector] ??= {}), total]) {
        inc(c, 'applications');
        inc(c, s.granted ? 'granted' : 'refused');
        inc(c, `lmt_${s.lmt}`);
      }
      if (s.granted && s.vacancy !== '') vacancies.add(s.vacancy);
    }
  }
  const cell = (c: Counter) => ({ applications: c.applications ?? 0, granted: c.granted ?? 0, refused: c.refused ?? 0, lmt_passed: c.lmt_passed ?? 0, lmt_exempt: c.lmt_exempt ?? 0, lmt_failed: c.lmt_failed ?? 0 });

  // capture model and realised capture
  const model = NATIONALITIES.flatMap((n, k) =>
    (['F', 'M'] as const).map((sex) => {
      const probe = { ...persons[0]!, nat: k, sex, zeroChance: false };
      const [wp, rp, ssNo] = captureProbabilities(probe, false);
      return { nationality: n.iso3, sex, wp: round(wp), rp: round(rp), ss_given_wp: round(captureProbabilities(probe, true)[2]), ss_given_no_wp: round(ssNo) };
    }),
  );
  const captured = { wp: 0, rp: 0, ss: 0, none: 0, zero_chance: 0 };
  persons.forEach((p, i) => {
    const c = capture[i]!;
    if (c & 1) captured.wp += 1;
    if (c & 2) captured.rp += 1;
    if (c & 4) captured.ss += 1;
    if (c === 0) captured.none += 1;
    if (p.zeroChance) captured.zero_chance += 1;
  });

  const defects: Record<string, Counter> = { wp: {}, rp: {}, ss: {} };
  for (const l of draw.links) {
    const c = defects[l.register]!;
    inc(c, 'rows');
    if (l.duplicate_id === 1) inc(c, 'rows_under_second_id');
    if (l.error !== '') inc(c, l.error);
  }
  for (const l of ['wp', 'rp', 'ss'] as const) {
    const firsts = new Map<string, Set<string>>();
    for (const link of draw.links) {
      if (link.register !== l) continue;
      const s = firsts.get(link.person_key) ?? new Set<string>();
      s.add(link.register_person_id);
      firsts.set(link.person_key, s);
    }
    let two = 0;
    for (const s of firsts.values()) if (s.size > 1) two += 1;
    defects[l]!.persons = firsts.size;
    defects[l]!.persons_with_two_ids = two;
  }

  return {
    dataset: 'atlantis-permits',
    seed: pop.seed,
    period: { start: '2019-01-01', end: '2024-12-31', extraction: '2024-12-31' },
    rules: RULES,
    population: {
      persons: persons.length, zero_chance: persons.filter((p) => p.zeroChance).length, seasonal: persons.filter((p) => p.seasonal).length,
      refused_applicants_never_came: pop.applicants.length, employers: pop.employers.length,
      present_on_period_start: persons.filter((p) => presentOn(p, PERIOD.start)).length,
      by_nationality: byNat,
    },
    rows: { work_permits: draw.workPermits.length, residence_permits: draw.residencePermits.length, social_security: draw.socialSecurity.length },
    reference_dates: reference,
    flows: {
      year: FLOW_YEAR, inflows: { persons: inflows, by_nationality: sorted(inflowsByNat) }, renewals,
      outflows: { expired_without_renewal: expired, cancelled, total: expired + cancelled, persons: outflowPersons.size },
      durations: { permits: durations.length, mean_days: round(durations.reduce((a, b) => a + b, 0) / durations.length, 2), median_days: median(durations) },
    },
    applications: {
      year: FLOW_YEAR, total: cell(total), vacancies_filled: vacancies.size,
      by_isco_major_group: Object.keys(byMajor).sort().map((k) => ({ isco_major: k, ...cell(byMajor[k]!) })),
      by_sector: Object.keys(bySector).sort().map((k) => ({ sector: k, ...cell(bySector[k]!) })),
    },
    capture: { model: { parameters: CAPTURE, probabilities: model }, captured_over_period: captured },
    defects: { rates: DEFECTS, counts: defects },
  };
}
