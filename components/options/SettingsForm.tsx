import { useEffect, useId, useState } from 'preact/hooks';
import { opt } from '../../lib/i18n/options-catalogue';
import { MAX_INTERVAL, parseInterval, type Settings } from './model';

interface Props {
  settings: Settings;
  onSave: (settings: Settings) => Promise<void>;
}

/** How often pinned tickets are checked, and whether a move notifies: stored here, used by the watcher. */
export function SettingsForm({ settings, onSave }: Props) {
  const headingId = useId();
  const [intervalText, setIntervalText] = useState(String(settings.watchIntervalMinutes));
  const [notifications, setNotifications] = useState(settings.notifications);
  const [notice, setNotice] = useState<'saved' | 'invalid' | null>(null);

  const { watchIntervalMinutes, notifications: notify } = settings;
  useEffect(() => {
    setIntervalText(String(watchIntervalMinutes));
    setNotifications(notify);
  }, [watchIntervalMinutes, notify]);

  const save = async () => {
    const minutes = parseInterval(intervalText);
    if (minutes === null) {
      setNotice('invalid');
      return;
    }
    await onSave({ watchIntervalMinutes: minutes, notifications });
    setNotice('saved');
  };

  return (
    <section class="flo-card" aria-labelledby={headingId} data-testid="settings">
      <h2 class="flo-title" id={headingId}>
        {opt('options_settings_title')}
      </h2>
      <div class="flo-grid">
        <label class="flo-field">
          <span class="flo-field__label">{opt('options_watch_interval')}</span>
          <input
            class="fl-input fl-amount"
            data-testid="settings-interval"
            type="number"
            min={1}
            max={MAX_INTERVAL}
            step={1}
            aria-invalid={notice === 'invalid'}
            value={intervalText}
            onInput={(e) => {
              setIntervalText(e.currentTarget.value);
              setNotice(null);
            }}
          />
        </label>
      </div>
      <label class="flo-check">
        <input
          type="checkbox"
          data-testid="settings-notifications"
          checked={notifications}
          onChange={(e) => {
            setNotifications(e.currentTarget.checked);
            setNotice(null);
          }}
        />
        <span>{opt('options_notifications')}</span>
      </label>
      {notice === 'invalid' && (
        <p class="flo-notice flo-notice--bad" role="alert">
          {opt('options_settings_invalid')}
        </p>
      )}
      {notice === 'saved' && (
        <p class="flo-notice flo-notice--good" role="status">
          {opt('options_settings_saved')}
        </p>
      )}
      <div class="flo-actions">
        <button type="button" class="fl-primary flo-save" data-testid="settings-save" onClick={save}>
          {opt('options_settings_save')}
        </button>
      </div>
    </section>
  );
}
