import type { Gate, Priority } from './model.js';
import type { GateName, GateValues } from './settings.js';
import { GATE_NAMES, GATES } from './settings.js';

/** The measured values the gates compare against; null where the run gives no figure. */
export interface Measures {
  blockers: Record<Priority, number>;
  passRate: number | null;
  coverage: number | null;
  testsRun: number;
}

function actualOf(name: GateName, m: Measures): number | null {
  switch (name) {
    case 'max-p0':
      return m.blockers.P0;
    case 'max-p1':
      return m.blockers.P1;
    case 'min-pass-rate':
      return m.passRate;
    case 'min-coverage':
      return m.coverage;
    case 'min-tests':
      return m.testsRun;
  }
}

/** Every configured gate with its result. A figure the run does not have fails its gate: no data is not a pass. */
export function evaluateGates(values: GateValues, measures: Measures): Gate[] {
  const gates: Gate[] = [];
  for (const name of GATE_NAMES) {
    const target = values[name];
    if (target === undefined) continue;
    const def = GATES[name];
    const actual = actualOf(name, measures);
    const passed = actual !== null && (def.comparator === '<=' ? actual <= target : actual >= target);
    gates.push({ name, metric: def.metric, comparator: def.comparator, target, actual, passed, unit: def.unit });
  }
  return gates;
}

export function verdictOf(gates: Gate[]): 'GO' | 'NO-GO' {
  return gates.every((g) => g.passed) ? 'GO' : 'NO-GO';
}
