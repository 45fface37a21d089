// Writes the parts of the docs made from the metric registry (the REST field
// tables, the lists of diff keys) between their markers: `npm run docs:metrics`.
// Whether they are current is checked by the registry's test (metrics.test.ts).
//
// The registry and the writer are TypeScript with type-only imports besides
// each other, so they are transpiled on the fly, without a build.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = await mkdtemp(join(tmpdir(), 'docs-metrics-'));
try {
  for (const name of ['metrics', 'metrics-docs']) {
    const source = await readFile(join(root, 'src/model', `${name}.ts`), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    });
    await writeFile(join(out, `${name}.js`), outputText);
  }
  await writeFile(join(out, 'package.json'), '{ "type": "module" }');
  const { REGISTRY_DOCS, writeRegistryParts } = await import(pathToFileURL(join(out, 'metrics-docs.js')).href);
  for (const doc of REGISTRY_DOCS) {
    const path = join(root, 'docs', doc);
    const text = await readFile(path, 'utf8');
    const written = writeRegistryParts(doc, text);
    if (written === text) continue;
    await writeFile(path, written);
    console.log(`docs/${doc}: written from the metric registry`);
  }
} finally {
  await rm(out, { recursive: true, force: true });
}
