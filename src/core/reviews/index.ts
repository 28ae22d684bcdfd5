export * from './cycles.ts';
export * from './scorecard.ts';
export * from './templates.ts';
export * from './privacy.ts';
export * from './export.ts';
