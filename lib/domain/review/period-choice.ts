/** The periods the review page offers; the worker turns a choice into calendar bounds (lib/review/choice-bounds). */
export const PERIOD_CHOICES = ['policy', 'this-week', 'last-week', 'this-month', 'last-month'] as const;
export type PeriodChoice = (typeof PERIOD_CHOICES)[number];
