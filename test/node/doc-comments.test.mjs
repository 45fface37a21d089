// Every export a consumer can import from the package's entries (the
// `exports` map of package.json) has a doc comment `/** … */` on its
// declaration: functions, classes, interfaces, types, enums and constants.
// Read with the TypeScript compiler from the sources the declaration files
// are built from; re-exports are followed to the declaration. Run with
// `npm run test:node` (or `node --test test/node/doc-comments.test.mjs`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Exports allowed to lack a doc comment: none. */
const PENDING = new Set([]);

/** The source of every entry in the `exports` map that has types: `./dist/types/x.d.ts` is built from `src/x.ts`. */
function entrySources() {
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));
  const sources = [];
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    const types = typeof target === 'object' ? target.types : undefined;
    if (!types) continue;
    const match = /^\.\/dist\/types\/(.+)\.d\.ts$/.exec(types);
    assert.ok(match, `${subpath}: types at ${types}, not under ./dist/types/`);
    sources.push({ subpath, file: resolve(ROOT, 'src', `${match[1]}.ts`) });
  }
  return sources;
}

function program(files) {
  const config = ts.readConfigFile(resolve(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  return ts.createProgram(files, { ...options, noEmit: true });
}

/** Whether a declaration carries a `/** … *\/` comment with some text (on its statement, for a variable). */
function documented(declaration) {
  const node = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
  return ts.getJSDocCommentsAndTags(node).some((doc) => ts.isJSDoc(doc) && (ts.getTextOfJSDocComment(doc.comment) ?? '').trim() !== '');
}

/** The exports of `file` (followed through `export … from` and `export *`) whose declarations have no doc comment. */
function undocumentedExports(checker, sourceFile) {
  const missing = [];
  for (const exported of checker.getExportsOfModule(checker.getSymbolAtLocation(sourceFile))) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declarations = (symbol.declarations ?? []).filter((d) => !ts.isSourceFile(d) && !ts.isModuleDeclaration(d));
    if (declarations.length === 0) continue;
    if (declarations.some(documented)) continue;
    missing.push(`${exported.name} (${relative(ROOT, declarations[0].getSourceFile().fileName)})`);
  }
  return missing;
}

describe('doc comments on the public exports', () => {
  const entries = entrySources();
  const built = program(entries.map((entry) => entry.file));
  const checker = built.getTypeChecker();

  it('reads the entries of the exports map, the four main ones included', () => {
    const subpaths = entries.map((entry) => entry.subpath);
    for (const main of ['.', './data', './testing', './mocks']) assert.ok(subpaths.includes(main), main);
  });

  it('tells a documented declaration from an undocumented one', () => {
    const file = ts.createSourceFile(
      'sample.ts',
      '/** Days in a week. */\nexport const WEEK = 7;\nexport const YEAR = 365;\n// Not a doc comment.\nexport function f() {}\n/** A pair. */\nexport interface Pair { a: number }\n/***/\nexport type Empty = never;',
      ts.ScriptTarget.ES2022,
      true,
    );
    const names = (node) => (ts.isVariableStatement(node) ? node.declarationList.declarations[0] : node);
    const result = file.statements.map((statement) => [names(statement).name.getText(file), documented(names(statement))]);
    assert.deepEqual(result, [
      ['WEEK', true],
      ['YEAR', false],
      ['f', false],
      ['Pair', true],
      ['Empty', false],
    ]);
  });

  for (const { subpath, file } of entries) {
    it(`documents every export of ${subpath}`, () => {
      const sourceFile = built.getSourceFile(file);
      assert.ok(sourceFile, `${relative(ROOT, file)} is in the program`);
      assert.deepEqual(
        undocumentedExports(checker, sourceFile).filter((name) => !PENDING.has(name)),
        [],
      );
    });
  }

  it('still lacks the doc comments listed as pending (a documented one leaves the list)', () => {
    const missing = new Set(entries.flatMap((entry) => undocumentedExports(checker, built.getSourceFile(entry.file))));
    assert.deepEqual([...PENDING].filter((name) => !missing.has(name)), []);
  });
});
