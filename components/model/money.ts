import { showMoney } from '../../lib/domain/money-format';
import { locale as uiLocale } from '../../lib/i18n/t';

/** "$1,234.05" from 123405 USD, in the rep's language; exact to the cent (lib/domain/money-format). */
export const formatMoney = (minor: number, currency: string, locale = uiLocale): string =>
  showMoney(minor, currency, locale);
