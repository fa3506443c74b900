import type { MessageKey } from '../../lib/i18n/catalogue';
import { t } from '../../lib/i18n/t';

const KNOWN: Record<string, MessageKey> = {
  email: 'channel_email',
  web: 'channel_web',
  portal: 'channel_portal',
  chat: 'channel_chat',
  phone: 'channel_phone',
  voice: 'channel_voice',
  api: 'channel_api',
  mobile: 'channel_mobile',
  feedback_widget: 'channel_feedback_widget',
};

/** A readable name for the helpdesk's channel value; an unknown one is shown as the helpdesk wrote it. */
export const channelLabel = (channel: string | null): string => {
  if (channel === null || channel.trim() === '') return t('channel_unknown');
  const key =
    KNOWN[
      channel
        .trim()
        .toLowerCase()
        .replace(/[\s-]+/g, '_')
    ];
  return key ? t(key) : channel;
};
