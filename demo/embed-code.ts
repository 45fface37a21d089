import type { SourceKind } from './settings.js';

export interface EmbedSetup {
  source: SourceKind;
  timeZone: string;
  theme: string;
  locale: string;
  verify: boolean;
}

/** The HTML and JS that puts the dashboard, as set up now, on a page of the user's own (bundler or import map resolving the package). */
export function embedCode(setup: EmbedSetup): string {
  const attributes = [
    setup.theme === 'light' ? '' : ` theme="${setup.theme}"`,
    setup.locale === 'en-US' ? '' : ` locale="${setup.locale}"`,
    setup.verify ? ' verify' : '',
  ].join('');
  const tag = `<jt-analytics-dashboard${attributes}></jt-analytics-dashboard>`;
  const zone = JSON.stringify(setup.timeZone);
  switch (setup.source) {
    case 'rest':
      return [
        `<!-- In a WordPress admin page: the plugin prints wpApiSettings (root and nonce), enqueued with the 'wp-api' handle. -->`,
        tag,
        `<script type="module">`,
        `  import '@jetonomy/analytics';`,
        `  import { RestDataSource } from '@jetonomy/analytics/data';`,
        ``,
        `  // Reads the REST root and nonce from wpApiSettings; GET /jetonomy/v1/analytics/… (docs/rest-api.md).`,
        `  document.querySelector('jt-analytics-dashboard').dataSource = new RestDataSource({ timeZone: ${zone} });`,
        `</script>`,
      ].join('\n');
    case 'snapshot':
      return [
        tag,
        `<script type="module">`,
        `  import '@jetonomy/analytics';`,
        `  import { StaticSnapshotSource } from '@jetonomy/analytics/testing';`,
        ``,
        `  // A custom data source (docs/custom-data-source.md) over a JSON snapshot of per-day counts.`,
        `  const snapshot = await (await fetch('./snapshot.json')).json();`,
        `  document.querySelector('jt-analytics-dashboard').dataSource = new StaticSnapshotSource(snapshot);`,
        `</script>`,
      ].join('\n');
    default:
      return [
        tag,
        `<script type="module">`,
        `  import '@jetonomy/analytics';`,
        `  import { MemoryDataSource } from '@jetonomy/analytics/data';`,
        ``,
        `  // Your community's events (types: src/model/events.ts; rules: docs/semantics.md), in any order.`,
        `  const events = [{ id: 'e1', type: 'space.created', at: Date.now(), spaceId: 's1', name: 'General', kind: 'discussion' }];`,
        `  const source = new MemoryDataSource({ timeZone: ${zone} }); // the engine runs in a Web Worker`,
        `  await source.ingest(events);`,
        `  document.querySelector('jt-analytics-dashboard').dataSource = source;`,
        `</script>`,
      ].join('\n');
  }
}
