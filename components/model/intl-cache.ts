type Format = Intl.RelativeTimeFormat | Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules;

const formats = new Map<string, Format>();

/**
 * An Intl formatter costs a fraction of a millisecond to build and the sidebar formats on every
 * render; one per locale and option set is built once and kept for the page's life.
 */
export const cachedFormat = <T extends Format>(key: string, make: () => T): T => {
  const hit = formats.get(key);
  if (hit) return hit as T;
  const made = make();
  formats.set(key, made);
  return made;
};
