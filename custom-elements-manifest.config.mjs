/**
 * The element manifest (`custom-elements.json`) lists the public contract of
 * the elements: tags, attributes, properties, methods, events, parts and CSS
 * custom properties, read from the code and its JSDoc. Lit's legacy
 * decorators need the `litelement` mode. Private and protected members are
 * implementation, not contract, so they are left out.
 */
export default {
  // The shared bases declare public properties (locale, theme; data source, range, time zone, verify; page size
  // and CSV settings; the ranked tables'): read them too, so they are listed as inherited.
  globs: ['src/elements/**/*.ts', 'src/internal/jt-element.ts', 'src/internal/data-element.ts', 'src/internal/export-settings.ts', 'src/internal/ranked-table/ranked-table-element.ts'],
  // Helper modules beside the elements are implementation, not contract: the manifest lists only public modules.
  exclude: [
    'src/**/*.test.ts',
    'src/**/*.styles.ts',
    'src/**/*.harness.ts',
    'src/elements/activity-chart/activity-chart-option.ts',
    'src/elements/activity-chart/echarts.ts',
    'src/elements/metric/metric-cards.ts',
    'src/elements/metric/signed-percent.ts',
    'src/elements/metric/toggletip.ts',
  ],
  litelement: true,
  plugins: [
    {
      name: 'public-members-only-sorted',
      packageLinkPhase({ customElementsManifest }) {
        // Files are found in directory order, which differs between checkouts:
        // sort modules by path so the manifest is the same everywhere.
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (!declaration.members) continue;
            declaration.members = declaration.members.filter((member) => member.privacy !== 'private' && member.privacy !== 'protected');
          }
        }
      },
    },
  ],
};
