/**
 * The processes domain's use cases, one file per concern, all reached through this entry point:
 * versions.ts (processes, their versions and the designer's saves), runs.ts (cases and the transitions of their
 * steps; who gets a step is core/processes/assignment.ts), queue.ts (open steps: mine and the team's),
 * analytics.ts (times, bottleneck, per person, version comparison), jobs.ts (SLA breaches, folding summaries),
 * import.ts (event logs as cases).
 */
export {
  createProcess,
  getProcess,
  listProcesses,
  listTemplates,
  parseSteps,
  requireProcess,
  updateProcessSteps,
} from './versions.ts';
export {
  beginRun,
  changeRunState,
  completeStep,
  getRun,
  listRuns,
  reassignStep,
  startRun,
  startStep,
  type RunStatus,
} from './runs.ts';
export { openSteps, openStepsByPerson, teamQueue } from './queue.ts';
export { compareProcessVersions, getAnalytics, getStepAssignees, type AnalyticsWindow } from './analytics.ts';
export { markBreachedSteps, registerProcessJobs } from './jobs.ts';
export { importEventLog } from './import.ts';
export { toRecords } from './summaries.ts';
