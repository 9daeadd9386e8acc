import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { expect, test } from 'vitest';
import { sourceFiles } from '../support/source-files.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every getter or setter written in an object literal in `file`, as `path:line`. */
function literalAccessors(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) &&
      ts.isObjectLiteralExpression(node.parent)
    ) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${relative(root, file)}:${line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test('no object literal in src/ has a getter or setter', () => {
  // Each evaluation of such a literal makes an object shape of its own. Built per request, those
  // shapes kept every request's objects alive through the young-generation collections until the
  // next full one, which cost a Node handler about a sixth of its CPU per request. Put the
  // accessor on a class instead.
  const found = sourceFiles(join(root, 'src')).flatMap(literalAccessors);
  expect(found).toEqual([]);
});
