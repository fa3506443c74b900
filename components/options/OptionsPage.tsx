import type { ComponentChildren } from 'preact';
import type { AuthorityPolicy } from '../../lib/domain/policy';
import { opt } from '../../lib/i18n/options-catalogue';
import { ManagedPolicyState } from './ManagedPolicyState';
import { isPresent, type Settings } from './model';
import { PolicyEditor } from './PolicyEditor';
import { type SavedKey, SavedKeys } from './SavedKeys';
import { SettingsForm } from './SettingsForm';

export interface OptionsPageProps {
  managed: unknown;
  local: unknown;
  settings: Settings;
  /** When this profile first read an organization's policy, or null. */
  managedSeenSince: number | null;
  onForgetManaged: () => Promise<boolean>;
  onSavePolicy: (policy: AuthorityPolicy) => Promise<void>;
  onSaveSettings: (settings: Settings) => Promise<void>;
  timeZone?: string;
  /** Saved helpdesk keys; the section is shown when the page can change them. */
  keys?: readonly SavedKey[];
  onReplaceKey?: (account: string, secret: string) => Promise<void>;
  onRemoveKey?: (account: string) => Promise<void>;
  /** Links beside the title (the review). */
  links?: ComponentChildren;
  /** The page's other sections (custom hosts, Zendesk sign-in), inside the same layout. */
  children?: ComponentChildren;
}

/** Frontline's options: the credit policy, the saved helpdesk keys and the follow-through settings. */
export function OptionsPage({
  managed,
  local,
  settings,
  managedSeenSince,
  onForgetManaged,
  onSavePolicy,
  onSaveSettings,
  timeZone,
  keys,
  onReplaceKey,
  onRemoveKey,
  links,
  children,
}: OptionsPageProps) {
  return (
    <main class="fl flo">
      {links}
      <h1 class="flo-h1">{opt('options_title')}</h1>
      <ManagedPolicyState
        managedPresent={isPresent(managed)}
        seenSince={managedSeenSince}
        onForget={onForgetManaged}
      />
      <PolicyEditor managed={managed} local={local} onSave={onSavePolicy} timeZone={timeZone} />
      {keys && onReplaceKey && onRemoveKey && (
        <SavedKeys keys={keys} onReplace={onReplaceKey} onRemove={onRemoveKey} />
      )}
      <SettingsForm settings={settings} onSave={onSaveSettings} />
      {children}
    </main>
  );
}
