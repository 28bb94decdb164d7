import type { Gate, PatchCoverage, Priority, Subsystem } from '../model/report.js';
import type { Settings } from '../settings/table.js';
import { GATE_NAMES, GATES } from '../settings/table.js';

/** The measured values the gates compare against; null where the run gives no figure. */
export interface Measures {
  blockers: Record<Priority, number>;
  passRate: number | null;
  coverage: number | null;
  testsRun: number;
  /** Baseline coverage minus this run's, in points; null without a baseline with coverage. */
  coverageDrop: number | null;
  patch: PatchCoverage | null;
  subsystems: Subsystem[];
  /** Required patterns that matched a file or an artifact. */
  requiredFound: number;
}

type Figure = { actual: number | null; note?: string; passWithout?: boolean };

function figure(name: (typeof GATE_NAMES)[number], m: Measures): Figure {
  switch (name) {
    case 'max-p0':
      return { actual: m.blockers.P0 };
    case 'max-p1':
      return { actual: m.blockers.P1 };
    case 'max-p2':
      return { actual: m.blockers.P2 };
    case 'min-pass-rate':
      return { actual: m.passRate, note: m.passRate === null ? 'no test ran' : undefined };
    case 'min-coverage':
      return { actual: m.coverage, note: m.coverage === null ? 'no coverage data' : undefined };
    case 'min-tests':
      return { actual: m.testsRun };
    case 'max-coverage-drop':
      // The first run of a repository has nothing to drop from: that is said, not failed.
      return m.coverageDrop === null ? { actual: null, note: 'no baseline coverage to compare with', passWithout: true } : { actual: m.coverageDrop };
    case 'min-patch-coverage':
      if (!m.patch) return { actual: null, note: 'changed lines are not known for this run', passWithout: true };
      if (m.patch.percent !== null) return { actual: m.patch.percent };
      // No coverable changed line: fine, unless changed files are missing from the coverage reports.
      return m.patch.missing.length > 0
        ? { actual: 0, note: `${m.patch.missing.length} changed file(s) have no coverage data` }
        : { actual: null, note: 'no coverable line changed', passWithout: true };
  }
}

/** Every configured gate with its result. A figure the run does not have fails its gate — no data is not a pass — unless there is nothing to measure by nature. */
export function evaluateGates(settings: Settings, measures: Measures): Gate[] {
  const gates: Gate[] = [];
  for (const name of GATE_NAMES) {
    const target = settings.gates[name];
    if (target === undefined) continue;
    const def = GATES[name];
    const { actual, note, passWithout } = figure(name, measures);
    const passed = actual === null ? Boolean(passWithout) : def.comparator === '<=' ? actual <= target : actual >= target;
    gates.push({ name, metric: def.metric, comparator: def.comparator, target, actual, passed, unit: def.unit, ...(note ? { note } : {}) });
  }
  for (const def of settings.subsystems) {
    if (def['min-coverage'] === undefined) continue;
    const actual = measures.subsystems.find((s) => s.name === def.name)?.coverage?.percent ?? null;
    gates.push({
      name: `min-coverage:${def.name}`,
      metric: `Line coverage of ${def.name}`,
      comparator: '>=',
      target: def['min-coverage'],
      actual,
      passed: actual !== null && actual >= def['min-coverage'],
      unit: 'percent',
      ...(actual === null ? { note: 'no coverage data for this subsystem' } : {}),
    });
  }
  if (settings.requiredArtifacts.length > 0) {
    gates.push({
      name: 'required-artifacts',
      metric: 'Required reports present',
      comparator: '>=',
      target: settings.requiredArtifacts.length,
      actual: measures.requiredFound,
      passed: measures.requiredFound >= settings.requiredArtifacts.length,
      unit: 'count',
    });
  }
  return gates;
}

export function verdictOf(gates: Gate[]): 'GO' | 'NO-GO' {
  return gates.every((g) => g.passed) ? 'GO' : 'NO-GO';
}
