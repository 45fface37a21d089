// The layers of DESIGN section 2 point down only: model → engine → worker →
// sources → elements (with internal/, the shared element code). The sample-data
// generator is reachable from the worker only. This reads the source (type-only imports included,
// which a build erases) and fails on any import of a lower layer from a
// higher one. Tests are left out: a test may drive its layer through a
// higher one (a worker test through MemoryDataSource); what ships may not.
// Run with `npm run test:node`.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const LOWER = ['model', 'engine', 'worker'];
/** The element side: `internal/` is shared element code (Lit, the DOM), as high as `elements/`. */
const HIGHER = ['sources', 'elements', 'internal'];
/** Sample data for demos and tests: only the worker may load it (lazily, for a generated community). */
const SAMPLE_DATA = 'generator';

async function sourceFiles(dir) {
  const files = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(path)));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) files.push(path);
  }
  return files;
}

/** Every module a file names: `import … from`, `import type`, `export … from`, `import()` and bare `import '…'`. */
function specifiers(text) {
  return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map((match) => match[1]);
}

const layerOf = (file) => relative(SRC, file).split(sep)[0];

describe('layers', () => {
  it('finds the imports it checks (type-only and dynamic ones included)', () => {
    const text = `import type { A } from '../sources/a.js';\nexport { B } from "./b.js";\nconst c = await import('../elements/c.js');\nimport './d.js';`;
    assert.deepEqual(specifiers(text), ['../sources/a.js', './b.js', '../elements/c.js', './d.js']);
  });

  it(`no file under src/${LOWER.join(', src/')} imports from src/${HIGHER.join(' or src/')}`, async () => {
    const upward = [];
    for (const layer of LOWER) {
      for (const file of await sourceFiles(join(SRC, layer))) {
        for (const specifier of specifiers(await readFile(file, 'utf8'))) {
          if (!specifier.startsWith('.')) continue;
          const target = layerOf(resolve(dirname(file), specifier));
          if (HIGHER.includes(target) || (target === SAMPLE_DATA && layer !== 'worker')) upward.push(`${relative(SRC, file)} imports ${specifier}`);
        }
      }
    }
    assert.deepEqual(upward, []);
  });
});
