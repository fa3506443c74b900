/**
 * The manifest's own texts: the browser reads them from `_locales` (as `__MSG_key__`), so the
 * store listing and the extensions page speak the browser's language. The name stays "Frontline"
 * in every language: it is the product's name.
 */
export const manifestEn = {
  extension_description:
    'Case history, ownership, escalations and credits within limits, beside every Zendesk and Freshdesk ticket.',
} as const;
