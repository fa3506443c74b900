/** The manifest's keys in `_locales` (manifest-catalogue.ts). */
const DESCRIPTION_KEY = 'extension_description';

/** What wxt.config.ts writes into the manifest: a reference the browser resolves from `_locales`. */
export const MANIFEST_DESCRIPTION = `__MSG_${DESCRIPTION_KEY}__`;
