export default defineContentScript({
  matches: [
    'https://*.zendesk.com/agent/*',
    'https://*.freshdesk.com/a/*',
    'https://*.freshdesk.com/helpdesk/tickets/*',
  ],
  main() {},
});
