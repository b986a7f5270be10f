// The vocabulary every layer of src/core and every adapter shares: findings and fixes, settings, and
// what a rule sees of one project. Lower layers (parse, env, project, analysis) import it from here,
// never from rules/.
export type * from './findings';
export type * from './settings';
export type * from './context';
