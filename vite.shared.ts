import type { Rolldown } from 'vite';

type OnLog = NonNullable<Rolldown.RolldownOptions['onLog']>;

/**
 * Drops one known, harmless build note and passes every other log on.
 *
 * `src/sources/export-csv.ts` imports the engine host lazily so a page without
 * Worker support loads it only when exporting, but `MemoryDataSource`'s
 * in-process fallback imports it eagerly, so in any bundle of the full API the
 * lazy import cannot split it off and the bundler says so on every build.
 */
export const quietKnownLogs: OnLog = (level, log, handler) => {
  if (log.code === 'INEFFECTIVE_DYNAMIC_IMPORT' && log.message.includes('worker/engine-host.ts')) return;
  handler(level, log);
};
