import type { Rolldown } from 'vite';

/**
 * The engine's store, readers and aggregator as a chunk of their own, which
 * only the in-process engine host (itself loaded lazily) imports: a page
 * whose engine runs in the Worker, or that only uses the REST source, never
 * loads them on the main thread (about 12 KB gzip). The group leaves the
 * modules it uses where they are, which needs entries that may export more
 * names than their source, never fewer.
 */
export const engineChunk = {
  preserveEntrySignatures: 'allow-extension',
  output: {
    codeSplitting: {
      includeDependenciesRecursively: false,
      groups: [{ name: 'engine', test: /[\\/]src[\\/]engine[\\/](aggregator|columns|count-table|direct-reader|engine|id-table|range-stats|report-builder|store)\.ts$/ }],
    },
  },
} satisfies Pick<Rolldown.RolldownOptions, 'preserveEntrySignatures' | 'output'>;
