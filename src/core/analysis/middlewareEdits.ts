/** Text edits on array literals of middleware files (matcher entries, public route lists). */
import * as ts from 'typescript';
import { rangeOfNode, rangeOfSpan } from '../parse/sourceFile';
import type { TextEdit } from '../model';

/** Appends an element, following the array's layout (one per line or inline, trailing comma kept). */
export function appendArrayElement(array: ts.ArrayLiteralExpression, elementText: string): TextEdit {
  const sourceFile = array.getSourceFile();
  const file = sourceFile.fileName;
  const elements = array.elements;
  if (elements.length === 0) {
    return { file, range: rangeOfSpan(sourceFile, array.getStart(sourceFile) + 1, array.getEnd() - 1), newText: elementText };
  }
  const last = elements[elements.length - 1];
  const multiline =
    sourceFile.getLineAndCharacterOfPosition(array.getStart(sourceFile)).line !== sourceFile.getLineAndCharacterOfPosition(last.getStart(sourceFile)).line;
  if (!multiline) return { file, range: rangeOfSpan(sourceFile, last.getEnd(), last.getEnd()), newText: `, ${elementText}` };
  const lastStart = sourceFile.getLineAndCharacterOfPosition(last.getStart(sourceFile));
  const lineText = sourceFile.text.slice(sourceFile.getPositionOfLineAndCharacter(lastStart.line, 0));
  const indent = /^[ \t]*/.exec(lineText)![0];
  if (elements.hasTrailingComma) {
    const comma = sourceFile.text.indexOf(',', last.getEnd());
    return { file, range: rangeOfSpan(sourceFile, comma + 1, comma + 1), newText: `\n${indent}${elementText},` };
  }
  return { file, range: rangeOfSpan(sourceFile, last.getEnd(), last.getEnd()), newText: `,\n${indent}${elementText}` };
}

/** Removes one element with its separating comma. */
export function removeArrayElement(array: ts.ArrayLiteralExpression, element: ts.Expression): TextEdit {
  const sourceFile = array.getSourceFile();
  const index = array.elements.indexOf(element);
  const next = array.elements[index + 1];
  const previous = array.elements[index - 1];
  // Before a following element: delete up to its start, so the layout stays as it was.
  const range = next
    ? rangeOfSpan(sourceFile, element.getStart(sourceFile), next.getStart(sourceFile))
    : previous
      ? rangeOfSpan(sourceFile, previous.getEnd(), element.getEnd())
      : rangeOfNode(element, sourceFile);
  return { file: sourceFile.fileName, range, newText: '' };
}

/** Replaces a node's text. */
export function replaceNode(node: ts.Node, newText: string): TextEdit {
  return { file: node.getSourceFile().fileName, range: rangeOfNode(node), newText };
}
