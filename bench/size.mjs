/**
 * Bundle size as a consumer meets it: builds the package (library and
 * standalone builds, into a temporary folder), then two small apps against
 * it with Vite, minified, and prints the bytes of what a browser loads,
 * minified and `gzip -9` (`npm run size`):
 *
 * - memory: a page that shows `<jt-analytics-dashboard>` over a
 *   `MemoryDataSource` (the engine in its Web Worker);
 * - rest: the same page over a `RestDataSource` (the WordPress case).
 *
 * Each chunk is put in one group: "main" (the entry and what it imports
 * statically), "worker" (the engine's Web Worker and its static imports),
 * "echarts" (loaded with the first chart), "sample data" (the generator,
 * loaded only when a community is generated) and "other lazy". The standalone
 * bundle (`dist/standalone/`) is measured as it is.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, loadConfigFromFile } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The package is built into a folder of its own (inside the project, so its dependencies resolve), which no other build replaces mid-measure.
const work = mkdtempSync(join(root, 'test-results', 'size-'));
const dist = join(work, 'dist');
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
await build({ configFile: join(root, 'vite.config.ts'), root, logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
const { config: standaloneBuild } = await loadConfigFromFile({ command: 'build', mode: 'production' }, join(root, 'vite.standalone.config.ts'), root, 'silent');
await build({ ...standaloneBuild, configFile: false, logLevel: 'warn', build: { ...standaloneBuild.build, outDir: join(dist, 'standalone') } });

const APPS = {
  memory: `import '@jetonomy/analytics';
import { MemoryDataSource } from '@jetonomy/analytics/data';
const dashboard = document.createElement('jt-analytics-dashboard');
dashboard.dataSource = new MemoryDataSource();
document.body.append(dashboard);
`,
  rest: `import '@jetonomy/analytics';
import { RestDataSource } from '@jetonomy/analytics/data';
const dashboard = document.createElement('jt-analytics-dashboard');
dashboard.dataSource = new RestDataSource({ root: '/wp-json/' });
document.body.append(dashboard);
`,
};

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const sizes = (text) => ({ min: Buffer.byteLength(text), gzip: gzipSync(text, { level: 9 }).length });

/** The files `entry` loads at once: itself and its static imports, transitively. */
function staticClosure(dir, entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(dir, file), 'utf8');
    for (const [, spec] of text.matchAll(/(?:\bfrom|\bimport)\s*["'`](\.{1,2}\/[^"'`]+)["'`]/g)) {
      visit(join(dirname(file), spec).replace(/^\.\//, ''));
    }
  };
  visit(entry);
  return seen;
}

function group(dir, files) {
  const js = files.filter((f) => f.endsWith('.js'));
  const entry = js.find((f) => f.startsWith('app'));
  const main = staticClosure(dir, entry);
  const workers = js.filter((f) => /engine\.worker/.test(f));
  const worker = new Set(workers.flatMap((w) => [...staticClosure(dir, w)]));
  const groups = { main: [], worker: [], echarts: [], 'sample data': [], 'other lazy': [] };
  for (const f of js) {
    const text = readFileSync(join(dir, f), 'utf8');
    if (main.has(f)) groups.main.push(text);
    else if (worker.has(f)) groups.worker.push(text);
    else if (/echarts/.test(f) || text.includes('echarts')) groups.echarts.push(text);
    else if (/community/.test(f)) groups['sample data'].push(text);
    else groups['other lazy'].push(text);
  }
  return Object.fromEntries(Object.entries(groups).map(([name, texts]) => [name, sizes(texts.join('\n'))]));
}

function listFiles(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? listFiles(join(dir, d.name), `${prefix}${d.name}/`) : [`${prefix}${d.name}`]));
}

const results = {};
for (const [name, code] of Object.entries(APPS)) {
  const dir = mkdtempSync(join(tmpdir(), `jt-size-${name}-`));
  try {
    writeFileSync(join(dir, 'app.js'), code);
    writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="./app.js"></script>');
    await build({
      configFile: false,
      root: dir,
      logLevel: 'warn',
      resolve: { alias: [{ find: /^@jetonomy\/analytics\/data$/, replacement: join(dist, 'data.js') }, { find: /^@jetonomy\/analytics$/, replacement: join(dist, 'index.js') }] },
      worker: { format: 'es' },
      build: { outDir: join(dir, 'out'), assetsDir: '', target: 'es2022', minify: true, modulePreload: false, chunkSizeWarningLimit: 2000, rollupOptions: { input: { app: join(dir, 'index.html') } } },
    });
    results[name] = group(join(dir, 'out'), listFiles(join(dir, 'out')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const standalone = join(dist, 'standalone');
{
  const files = listFiles(standalone).filter((f) => f.endsWith('.js'));
  const main = staticClosure(standalone, 'jetonomy-analytics.js');
  const workers = files.filter((f) => /engine\.worker/.test(f));
  const worker = new Set(workers.flatMap((w) => [...staticClosure(standalone, w)]));
  const pick = (test) => sizes(files.filter(test).map((f) => readFileSync(join(standalone, f), 'utf8')).join('\n'));
  results.standalone = {
    main: pick((f) => main.has(f)),
    worker: pick((f) => worker.has(f) && !main.has(f)),
    echarts: pick((f) => !main.has(f) && !worker.has(f) && /echarts/.test(f)),
    'sample data': pick((f) => !main.has(f) && !worker.has(f) && /community/.test(f)),
    'other lazy': pick((f) => !main.has(f) && !worker.has(f) && !/echarts|community/.test(f)),
  };
}

/** What each group is, and when a browser loads it. */
const ABOUT = {
  main: 'the entry and its static imports: elements, Lit, the data API',
  worker: "the engine's Web Worker (at once with a MemoryDataSource; with REST only when a table is exported)",
  echarts: 'ECharts, loaded with the first chart',
  'sample data': 'the generator, loaded only when a community is generated (demo)',
  'other lazy': 'the in-process engine (only where no Worker exists) and small lazy parts',
};
for (const [name, groups] of Object.entries(results)) {
  console.log(`\n${name}:`);
  console.log('| | minified | gzip | |\n|---|---|---|---|');
  for (const [g, s] of Object.entries(groups)) if (s.min > 0) console.log(`| ${g} | ${kb(s.min)} | ${kb(s.gzip)} | ${ABOUT[g]} |`);
  const start = ['main', ...(name === 'rest' ? [] : ['worker'])];
  const sum = (names, key) => names.reduce((t, g) => t + groups[g][key], 0);
  console.log(`| before the first chart | ${kb(sum(start, 'min'))} | ${kb(sum(start, 'gzip'))} | ${start.join(' + ')} |`);
  console.log(`| with the first chart | ${kb(sum([...start, 'echarts'], 'min'))} | ${kb(sum([...start, 'echarts'], 'gzip'))} | ${[...start, 'echarts'].join(' + ')} |`);
}
