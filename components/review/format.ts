export { formatMoney as money } from '../model/money';

const TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const time = (iso: string | number): string => TIME.format(new Date(iso));

export const percent = (share: number): string => `${Math.round(share * 100)} %`;
