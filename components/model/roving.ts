/**
 * Where keyboard focus moves in a list of `count` rows from `current` for a key,
 * or null when the key is not a list key. `page` is how many rows a screen holds.
 */
export const nextIndex = (key: string, current: number, count: number, page: number): number | null => {
  if (count === 0) return null;
  const clamp = (i: number) => Math.min(count - 1, Math.max(0, i));
  switch (key) {
    case 'ArrowDown':
      return clamp(current + 1);
    case 'ArrowUp':
      return clamp(current - 1);
    case 'PageDown':
      return clamp(current + Math.max(1, page));
    case 'PageUp':
      return clamp(current - Math.max(1, page));
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
};
