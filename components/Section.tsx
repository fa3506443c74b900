import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { phaseOf, type SectionState } from './model/section';
import { SectionErrorNotice } from './SectionErrorNotice';
import { Skeleton } from './Skeleton';
import { Spinner } from './Spinner';

interface SectionProps<T> {
  testId: string;
  title: string;
  state: SectionState<T>;
  onRetry: () => void;
  children: (data: T) => ComponentChildren;
  /** Shown in the heading's corner, e.g. "updated 12 s ago". */
  aside?: ComponentChildren;
  skeletonLines?: number;
  class?: string;
  /** Reachable by script only: the keyboard lands here when the control it was on goes away. */
  focusTarget?: boolean;
}

/**
 * The frame every card shares: skeleton before the first data, cached data
 * kept on screen while refreshing or after an error, the error above it.
 */
export function Section<T>({
  testId,
  title,
  state,
  onRetry,
  children,
  aside,
  skeletonLines = 3,
  focusTarget = false,
  ...rest
}: SectionProps<T>) {
  const headingId = useId();
  const phase = phaseOf(state);
  return (
    <section
      class={`fl-card ${rest.class ?? ''}`}
      data-testid={testId}
      aria-labelledby={headingId}
      aria-busy={phase === 'skeleton' || state.refreshing}
      tabIndex={focusTarget ? -1 : undefined}
    >
      <div class="fl-card__head">
        <h2 class="fl-card__title" id={headingId}>
          {title}
        </h2>
        <span class="fl-card__aside">
          {aside}
          {state.refreshing && <Spinner />}
        </span>
      </div>
      <SectionErrorNotice error={state.error} blocking={state.data === null} onRetry={onRetry} />
      {phase === 'skeleton' && <Skeleton lines={skeletonLines} />}
      {state.data !== null && children(state.data)}
    </section>
  );
}
