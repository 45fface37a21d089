import type { Rolldown } from 'vite';

/**
 * The engine's store, readers and aggregator as a chunk of their own. Only
 * the in-process host (itself loaded lazily) uses it; the data and full
 * entries re-export `AnalyticsEngine` from it, so an app
 * whose bundler drops unused exports (`npm run size` measures a Vite app)
 * keeps it out of the main thread when its engine runs in the Worker or it
 * only uses the REST source (about 12 KB gzip). A page loading the entries
 * as they are, or the standalone bundle (the whole public API), still
 * carries it. Modules are listed by name: a new engine module joins the
 * list to be in the chunk. The group leaves the modules it uses where they
 * are, which needs entries that may export more names than their source,
 * never fewer.
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
