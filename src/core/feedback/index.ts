export * from './cluster.ts';
export * from './lexicon.ts';
export * from './text.ts';
export * from './quality.ts';
export * from './csv.ts';
export * from './inbox.ts';
export * from './loop.ts';
export * from './import.ts';
