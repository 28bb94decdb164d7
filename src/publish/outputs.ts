import * as core from '@actions/core';
import type { Report } from '../model.js';
import { renderOutputs } from '../render/outputs.js';

export function publishOutputs(report: Report, reportPath: string): void {
  for (const [name, value] of Object.entries(renderOutputs(report, reportPath))) core.setOutput(name, value);
}
