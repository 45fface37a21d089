// Adding a counted figure takes the files docs/metrics.md lists under "Adding a
// figure", and no other: this adds one, "bookmarks" (an engagement count,
// here counted as the up-votes so it has something to count), to those files
// in memory only, then
// - type-checks the whole project with them: nothing else fails to compile
//   (a report builder, custom source or diff with a line per figure would);
// - leaves out, one at a time, the change to each file the compiler asks for,
//   and checks that file then fails: the list is not longer than it must be;
// - runs the engine and the sample snapshot source built from those files:
//   the figure reaches the report on both paths, in registry order, and the
//   diff report, with no change to the report builder, the diff or the
//   snapshot source.
// Run with `npm run test:node`.
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The change to each file, as [the text it follows or replaces, the new text]:
 * each anchor must occur exactly once. When a file is reworded, update its
 * anchor here; when a file has to be added, docs/metrics.md's list grows too.
 */
const CHANGES = {
  'src/model/report.ts': [['  newMembers: number;\n}', '  newMembers: number;\n  bookmarks: number;\n}']],
  'src/model/metrics.ts': [
    [
      "  {\n    key: 'flagsRaised',",
      `  {
    key: 'bookmarks',
    section: 'engagement',
    wire: 'bookmarks',
    labelKey: 'bookmarks',
    helpKey: 'bookmarksHelp',
    format: 'count',
    drift: 'relative',
    nullable: false,
    activity: true,
    counted: true,
    derive: null,
    definition: 'posts bookmarked in the range',
    base: null,
    card: { group: 'engagement', place: 3, shown: 'always' },
  },
  {
    key: 'flagsRaised',`,
    ],
  ],
  'src/engine/direct-reader.ts': [['counts: { upvotes,', 'counts: { bookmarks: upvotes, upvotes,']],
  'src/engine/aggregator.ts': [
    ['    upvotes: new DayCounts(),', '    bookmarks: new DayCounts(),\n    upvotes: new DayCounts(),'],
    ['    if (up === 1) this.perDay.upvotes.add(day, delta);', '    if (up === 1) this.perDay.bookmarks.add(day, delta);\n    if (up === 1) this.perDay.upvotes.add(day, delta);'],
  ],
  'src/internal/i18n.ts': [
    ["  newMembersHelp: 'Members who joined in the range.',", "  newMembersHelp: 'Members who joined in the range.',\n  bookmarks: 'Bookmarks',\n  bookmarksHelp: 'Posts bookmarked in the range.',"],
    ["  newMembersHelp: 'Mitglieder, die im Zeitraum beigetreten sind.',", "  newMembersHelp: 'Mitglieder, die im Zeitraum beigetreten sind.',\n  bookmarks: 'Lesezeichen',\n  bookmarksHelp: 'Im Zeitraum gemerkte Beiträge.',"],
  ],
  'test/reference.ts': [['        newMembers: stats.newMembers.length,\n', "        newMembers: stats.newMembers.length,\n        bookmarks: stats.votes.filter((v) => v.value === 1).length,\n"]],
};

/** The files whose change the compiler asks for: without it, that file fails to compile. */
const COMPILER_ASKS = ['src/model/metrics.ts', 'src/engine/direct-reader.ts', 'src/engine/aggregator.ts', 'test/reference.ts'];

async function changedTexts(leaveOut = null) {
  const texts = new Map();
  for (const [file, changes] of Object.entries(CHANGES)) {
    if (file === leaveOut) continue;
    let text = await readFile(join(ROOT, file), 'utf8');
    for (const [anchor, replacement] of changes) {
      const count = text.split(anchor).length - 1;
      assert.equal(count, 1, `${file}: the anchor ${JSON.stringify(anchor)} occurs ${count} times; update this test's change to the file`);
      text = text.replace(anchor, () => replacement);
    }
    texts.set(resolve(ROOT, file), text);
  }
  return texts;
}

const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')) });
const sourceFiles = new Map();

/** A program of the whole project with some files' texts replaced; unchanged files are parsed once. */
function programWith(texts, oldProgram) {
  const host = ts.createCompilerHost(config.options);
  const readText = (fileName) => texts.get(resolve(fileName)) ?? ts.sys.readFile(fileName);
  host.readFile = readText;
  host.getSourceFile = (fileName, languageVersion) => {
    const text = readText(fileName);
    if (text === undefined) return undefined;
    const key = `${fileName}\u0000${text}`;
    let file = sourceFiles.get(key);
    if (!file) sourceFiles.set(key, (file = ts.createSourceFile(fileName, text, languageVersion)));
    return file;
  };
  return ts.createProgram(config.fileNames, config.options, host, oldProgram);
}

const describeAll = (diagnostics) =>
  diagnostics
    .map((d) => `${d.file ? relative(ROOT, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)
    .join('\n')
    .slice(0, 4000);

describe('a new counted figure', () => {
  let program;

  it('compiles, the whole project, with the change to the listed files alone', async () => {
    program = programWith(await changedTexts());
    const diagnostics = ts.getPreEmitDiagnostics(program);
    assert.equal(diagnostics.length, 0, `with only the listed files changed, these fail:\n${describeAll(diagnostics)}`);
  });

  for (const file of COMPILER_ASKS) {
    it(`fails to compile in ${file} when that file is not changed`, async () => {
      const without = programWith(await changedTexts(file), program);
      const diagnostics = without.getSemanticDiagnostics(without.getSourceFile(join(ROOT, file)));
      assert.ok(diagnostics.length > 0, `${file} compiles without its change: the compiler does not ask for it, so the list or the typing is wrong`);
    });
  }
});

describe('a new counted figure at run time', () => {
  // Inside the project, so the built modules find its dependencies.
  const out = join(ROOT, 'node_modules/.cache/new-figure');
  let modules;

  before(async () => {
    await rm(out, { recursive: true, force: true });
    const texts = await changedTexts();
    const files = [];
    const walk = async (dir) => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) files.push(path);
      }
    };
    await walk(join(ROOT, 'src'));
    for (const file of files) {
      const text = texts.get(file) ?? (await readFile(file, 'utf8'));
      const { outputText } = ts.transpileModule(text, { compilerOptions: { ...config.options, module: ts.ModuleKind.ESNext, sourceMap: false, declaration: false }, fileName: file });
      const target = join(out, relative(ROOT, file)).replace(/\.ts$/, '.js');
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, outputText);
    }
    await writeFile(join(out, 'package.json'), '{ "type": "module" }');
    const load = (path) => import(pathToFileURL(join(out, 'src', ...path.split('/'))).href);
    modules = {
      engine: await load('engine/engine.js'),
      snapshot: await load('testing/static-snapshot-source.js'),
      metrics: await load('model/metrics.js'),
      i18n: await load('internal/i18n.js'),
    };
  });

  after(() => rm(out, { recursive: true, force: true }));

  it('reaches the report on both paths, in registry order, and the diff report', () => {
    const { AnalyticsEngine } = modules.engine;
    const at = Date.parse('2026-03-02T12:00:00Z');
    const engine = new AnalyticsEngine({ timeZone: 'UTC' });
    const result = engine.ingest([
      { id: 'e1', type: 'space.created', at, spaceId: 's1', name: 'General', kind: 'discussion' },
      { id: 'e2', type: 'member.joined', at, memberId: 'm1', displayName: 'Ada', trustLevel: 1 },
      { id: 'e3', type: 'content.created', at, contentId: 'c1', kind: 'post', spaceId: 's1', authorId: 'm1', status: 'published' },
      { id: 'e4', type: 'vote.cast', at, voteId: 'v1', contentId: 'c1', voterId: 'm1', value: 1 },
      { id: 'e5', type: 'vote.cast', at, voteId: 'v2', contentId: 'c1', voterId: 'm1', value: 1 },
    ]);
    assert.deepEqual(result.rejected, []);
    const range = { start: '2026-03-01', end: '2026-03-03' };
    for (const path of ['direct', 'aggregate']) {
      const { engagement } = engine.report({ range, path });
      assert.equal(engagement.bookmarks, 2, `${path}: engagement.bookmarks`);
      assert.deepEqual(Object.keys(engagement), modules.metrics.metricsOf('engagement').map((metric) => metric.key), `${path}: the section's fields in registry order`);
    }
    const diff = engine.diffReport(range, 'test').metrics.find((metric) => metric.key === 'bookmarks');
    assert.deepEqual(diff, { key: 'bookmarks', direct: 2, aggregated: 2, drift_pct: 0 });
  });

  it('is read by the sample snapshot source, as a plain count of the day', async () => {
    const { StaticSnapshotSource, SNAPSHOT_DAY_COUNTS } = modules.snapshot;
    assert.ok(SNAPSHOT_DAY_COUNTS.includes('bookmarks'), 'a snapshot day holds it');
    const source = new StaticSnapshotSource({
      takenAt: Date.parse('2026-03-04T00:00:00Z'),
      spaces: [],
      members: [],
      days: [
        { date: '2026-03-02', bookmarks: 3 },
        { date: '2026-03-03', bookmarks: 4 },
      ],
    });
    const report = await source.report({ range: { start: '2026-03-01', end: '2026-03-03' } });
    assert.equal(report.engagement.bookmarks, 7);
  });

  it('has its label and definition in every locale', () => {
    const { en, de } = modules.i18n;
    for (const messages of [en, de]) for (const key of ['bookmarks', 'bookmarksHelp']) assert.equal(typeof messages[key], 'string', key);
  });
});

// The listed files are the ones docs/metrics.md names.
describe("docs/metrics.md's list", () => {
  it('names every file this test changes', async () => {
    const text = await readFile(join(ROOT, 'docs/metrics.md'), 'utf8');
    const section = text.slice(text.indexOf('## Adding a figure'));
    for (const file of Object.keys(CHANGES)) {
      const shown = file.startsWith('src/') ? file.slice('src/'.length) : file;
      assert.ok(section.includes(`\`${shown}\``), `docs/metrics.md "Adding a figure" names ${shown}`);
    }
  });
});
