/**
 * The builds the local WordPress needs: `dist/data.js` (the community
 * generator the loader runs in Node) and the standalone bundle the plugin's
 * admin screen loads, copied into the plugin's own `assets/dist/` folder
 * (git-ignored) so WordPress serves it like any plugin file. Each is rebuilt
 * only when a source file is newer than it.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runAttached } from './processes.mjs';

/** Newest modification time under `paths` (files or folders, tests left out), in ms. */
function newestSource(paths) {
  let newest = 0;
  const visit = (path) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else if (!/\.test\.[cm]?[jt]s$/.test(path)) newest = Math.max(newest, stat.mtimeMs);
  };
  for (const path of paths) visit(path);
  return newest;
}

const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);

/** Whether the two folders hold the same file names with the same sizes and the copy no older. */
function sameFolder(from, to) {
  if (!existsSync(to)) return false;
  const names = readdirSync(from).sort();
  const copied = readdirSync(to).sort();
  if (names.join('\n') !== copied.join('\n')) return false;
  return names.every((name) => {
    const a = statSync(join(from, name));
    const b = statSync(join(to, name));
    return a.size === b.size && b.mtimeMs + 1 >= a.mtimeMs;
  });
}

/**
 * Builds what is stale and copies the standalone bundle into the plugin.
 * Returns `{ built: string[], copied: boolean, generator, bundleDir }`.
 */
export async function ensureAssets({ root, pluginDir }) {
  const sources = newestSource(['src', 'package-lock.json', 'vite.config.ts', 'vite.standalone.config.ts', 'vite.shared.ts'].map((p) => join(root, p)));
  const generator = join(root, 'dist', 'testing.js');
  const standaloneDir = join(root, 'dist', 'standalone');
  const standalone = join(standaloneDir, 'jetonomy-analytics.js');
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const built = [];
  if (mtime(generator) < sources) {
    // The library build empties dist/, the standalone bundle included, so that one follows.
    await runAttached(npx, ['vite', 'build', '--logLevel', 'warn'], { cwd: root });
    built.push('dist/testing.js');
  }
  if (mtime(standalone) < sources) {
    await runAttached(npx, ['vite', 'build', '--config', 'vite.standalone.config.ts', '--logLevel', 'warn'], { cwd: root });
    built.push('dist/standalone');
  }
  const bundleDir = join(pluginDir, 'assets', 'dist');
  let copied = false;
  if (!sameFolder(standaloneDir, bundleDir)) {
    rmSync(bundleDir, { recursive: true, force: true });
    mkdirSync(bundleDir, { recursive: true });
    cpSync(standaloneDir, bundleDir, { recursive: true, preserveTimestamps: true });
    copied = true;
  }
  return { built, copied, generator, bundleDir };
}
