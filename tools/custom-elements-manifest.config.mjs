// Settings for @custom-elements-manifest/analyzer (`npm run manifest`): custom-elements.json describes the
// public elements from the class JSDoc in src/components (@summary, @fires, @csspart, @cssprop, @slot).
export default {
  globs: ['src/index.ts', 'src/components/**/*.ts'],
  exclude: ['src/components/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  // package.json names the manifest itself ("customElements"); the analyzer would rewrite the file.
  packagejson: false,
  plugins: [typedVcEvents()],
};

/** `@fires vc-x` carries no type; each vc-* event is a CustomEvent typed in src/components/events.ts. */
function typedVcEvents() {
  return {
    name: 'typed-vc-events',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          for (const event of declaration.events ?? []) {
            if (event.name?.startsWith('vc-') && !event.type) {
              event.type = { text: `CustomEvent<VideoConferenceEventDetails['${event.name}']>` };
            }
          }
        }
      }
    },
  };
}
