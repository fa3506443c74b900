const WIDTHS = ['70%', '92%', '55%', '80%', '64%'];

/** Grey bars standing in for content that has not arrived yet. */
export function Skeleton({ lines = 3 }: { lines?: number }) {
  return (
    <div class="fl-skel" aria-hidden="true">
      {WIDTHS.slice(0, lines).map((width) => (
        <div key={width} class="fl-skel__bar" style={{ width }} />
      ))}
    </div>
  );
}
