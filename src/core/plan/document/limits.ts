/**
 * How much of a large plan the document prints in full. A manager reads dozens of goals and a few hundred
 * tasks, not ten thousand: beyond these the document says how many it left out (the XLSX export of a
 * workspace and the API hold everything).
 */
export const DOCUMENT_LIMITS = {
  goalsInDetail: 40,
  goalsInOverview: 300,
  wbsRows: 400,
  raciRows: 150,
  raciPeoplePerTable: 6,
  raciGaps: 60,
  milestones: 100,
  timelineItems: 40,
  kpiRows: 200,
  kpiCharts: 6,
  kpiChartPoints: 26,
  processes: 30,
} as const;
