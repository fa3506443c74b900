import { defineConfig } from 'wxt';
import { helpdeskOrigins, platforms } from './lib/helpdesks/registry';

export default defineConfig({
  manifest: ({ browser }) => ({
    name: 'Frontline',
    description: `Case history, ownership, escalations and credits within limits, beside every ${platforms()
      .map((p) => p.name)
      .join(' and ')} ticket.`,
    permissions: ['storage', 'alarms', 'notifications', 'identity'],
    // Enterprise policy for credit limits (storage.managed), validated by Chrome against this schema.
    storage: { managed_schema: 'managed-schema.json' },
    host_permissions: helpdeskOrigins(),
    // Firefox: a stable id, and Frontline sends no data to anyone but the rep's own helpdesk.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'frontline@frontline.invalid', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
    web_accessible_resources: [
      { resources: ['sidebar.html'], matches: helpdeskOrigins(), use_dynamic_url: true },
    ],
  }),
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    build: { target: 'chrome120' },
  }),
});
