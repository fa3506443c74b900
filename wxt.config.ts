import type { Rollup } from 'vite';
import { defineConfig } from 'wxt';
import { helpdeskOrigins } from './lib/helpdesks/registry';
import { localeFiles } from './lib/i18n/locale-files';
import { MANIFEST_DESCRIPTION } from './lib/i18n/manifest-text';

/** Every https host: the bound of the optional permissions a custom helpdesk host is granted from. */
const CUSTOM_HOST_ORIGINS = 'https://*/*';

/**
 * Six small modules every page shares (money, commands, the helpdesk's HTTP shape) in one chunk
 * rather than six: each file a page loads costs its own gzip frame and compresses alone. The
 * sidebar's gzip budget (80 KB) is what this is for; the popup gains ~0.9 KB it can spare.
 */
const sharedChunk = (id: string): string | undefined =>
  /\/lib\/(domain\/(money|money-format|command|helpdesk)|helpdesks\/http|messaging\/command)\./.test(id)
    ? 'common'
    : undefined;

const SIDEBAR_ENTRY = '/entrypoints/sidebar/';
const BACKGROUND_ENTRY = '/entrypoints/background.';

/** Whether a module is imported, however indirectly, from an entrypoint whose path contains `entry`. */
function importedFrom(entry: string): (id: string, meta: Rollup.ManualChunkMeta) => boolean {
  const yes = new Set<string>();
  const walk = (id: string, meta: Rollup.ManualChunkMeta, seen: Set<string>): boolean => {
    if (id.includes(entry) || yes.has(id)) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    const info = meta.getModuleInfo(id);
    const found =
      info !== null && [...info.importers, ...info.dynamicImporters].some((by) => walk(by, meta, seen));
    // Only a yes is kept: a no may come from a cycle cut short by `seen`.
    if (found) yes.add(id);
    return found;
  };
  return (id, meta) => walk(id, meta, new Set());
}

/**
 * The sidebar's modules in two shared chunks rather than ten. Left to Rollup, the modules the
 * sidebar shares with the background and the other pages were split by which pages import them
 * into small chunks, each compressing alone: 2 KB more gzip for the same code, against a budget
 * of 80 KB. Those the background also runs go in `common` (it loads that chunk, so nothing in it
 * may need a DOM); the rest in `sidebar-ui`, which the background never loads (Chrome's build). `common` cannot
 * import `sidebar-ui` (whatever the background's modules import, the background runs too), so the
 * two never form a cycle, which would leave one chunk's bindings uninitialized when the other runs.
 * The popup, options and review pages load these chunks whole where they need any of it.
 */
function pageChunks(): (id: string, meta: Rollup.ManualChunkMeta) => string | undefined {
  const fromSidebar = importedFrom(SIDEBAR_ENTRY);
  const fromBackground = importedFrom(BACKGROUND_ENTRY);
  let withBackground: boolean | undefined;
  return (id, meta) => {
    const shared = sharedChunk(id);
    if (shared || id.includes(SIDEBAR_ENTRY) || !fromSidebar(id, meta)) return shared;
    // Firefox's MV2 background page is built apart, as one file: no chunk here reaches it, so the
    // sidebar's modules all go in `common` (a `sidebar-ui` beside it would import it and be imported).
    withBackground ??= [...meta.getModuleIds()].some((module) => module.includes(BACKGROUND_ENTRY));
    return !withBackground || fromBackground(id, meta) ? 'common' : 'sidebar-ui';
  };
}

export default defineConfig({
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Frontline',
    // The UI languages' catalogues are generated into _locales by the hook below (lib/i18n).
    default_locale: 'en',
    description: MANIFEST_DESCRIPTION,
    // scripting: the content script on the custom helpdesk hosts a rep or an administrator adds (lib/hosts).
    permissions: ['storage', 'alarms', 'notifications', 'scripting', 'identity'],
    // Enterprise policy for credit limits (storage.managed), validated by Chrome against this schema.
    storage: { managed_schema: 'managed-schema.json' },
    host_permissions: helpdeskOrigins(),
    // Asked for one host at a time, on the rep's click in the options page; never granted at install.
    optional_host_permissions: [CUSTOM_HOST_ORIGINS],
    // MV2 (Firefox) has no optional_host_permissions, and WXT drops the key there: without this the
    // options page's *Add and allow* could not ask Firefox for a custom host.
    ...(manifestVersion === 2 ? { optional_permissions: [CUSTOM_HOST_ORIGINS] } : {}),
    // Firefox: a stable id, and Frontline sends no data to anyone but the rep's own helpdesk.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'frontline@frontline.invalid', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
    // Matches are static, and a custom host is known only at run time: any https page may frame the
    // sidebar, at a per-session URL (use_dynamic_url) no page can guess, and the sidebar's port is
    // refused unless its tab is a helpdesk or a registered, granted custom host (README, Permissions).
    web_accessible_resources: [
      { resources: ['sidebar.html'], matches: [CUSTOM_HOST_ORIGINS], use_dynamic_url: true },
    ],
  }),
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      files.push(...localeFiles());
    },
    // The pages' build only: the content script's is one inlined file, where chunks are refused.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.some((entry) => entry.inputPath.endsWith('.html'))) return;
      const output = config.build?.rollupOptions?.output;
      if (Array.isArray(output)) return;
      config.build = {
        ...config.build,
        rollupOptions: { ...config.build?.rollupOptions, output: { ...output, manualChunks: pageChunks() } },
      };
    },
  },
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    // terser rather than esbuild's minifier: 2.3 KB less of the sidebar's gzip budget, at build time only.
    build: { target: 'chrome120', minify: 'terser', terserOptions: { compress: { passes: 2 } } },
  }),
});
