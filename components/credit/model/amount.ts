import { parseAmount } from '../../../lib/domain/money-format';

/** What the rep picked: a preset button, or text in the custom amount field. */
export type AmountChoice = { kind: 'preset'; amount: number } | { kind: 'custom'; text: string } | null;

export type ChosenAmount =
  | { amount: number }
  | { error: 'invalid' | 'zero' }
  /** Nothing chosen yet: no message, the submit just waits. */
  | null;

export const chosenAmount = (choice: AmountChoice, currency: string): ChosenAmount => {
  if (choice === null) return null;
  if (choice.kind === 'preset') return { amount: choice.amount };
  if (choice.text.trim() === '') return null;
  let amount: number | null = null;
  try {
    amount = parseAmount(choice.text, currency);
  } catch {
    // A malformed currency code: the amount cannot be read, say so rather than guess the digits.
  }
  if (amount === null) return { error: 'invalid' };
  return amount === 0 ? { error: 'zero' } : { amount };
};
