import type { Position, Range } from '../model';

/** How many places a hover lists before it says how many more there are. */
export const maxLinks = 5;

/** True when the position is inside the range or at either end (the cursor right after a word still hovers it). */
export function contains(range: Range, position: Position): boolean {
  return !isBefore(position, range.start) && !isBefore(range.end, position);
}

function isBefore(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
