import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { GatewayPolicy } from '@/components/options/GatewayPolicy';
import { HelpdeskHosts } from '@/components/options/HelpdeskHosts';
import { OptionsPage } from '@/components/options/OptionsPage';
import { ZendeskConnect } from '@/components/options/ZendeskConnect';
import { localizeDocument, t } from '@/lib/i18n/t';
import { type GatewayOptions, loadGateway, watchGateway } from './gateway';
import { addHost, allowHost, loadHosts, removeHost, type StoredHosts, watchHosts } from './hosts';
import { connectAccount, disconnectAccount, loadOAuth, type OAuthOptions, watchOAuth } from './oauth';
import {
  forgetManagedPolicy,
  loadOptions,
  removeKey,
  replaceKey,
  type StoredOptions,
  savePolicy,
  saveSettings,
  watchOptions,
} from './storage';
import '@/components/sidebar.css';
import '@/components/options/options.css';

const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

function Hosts() {
  const [hosts, setHosts] = useState<StoredHosts | null>(null);
  useEffect(() => {
    const reload = () => void loadHosts().then(setHosts);
    reload();
    return watchHosts(reload);
  }, []);
  return hosts && <HelpdeskHosts {...hosts} onAdd={addHost} onAllow={allowHost} onRemove={removeHost} />;
}

function Gateway() {
  const [gateway, setGateway] = useState<GatewayOptions | null>(null);
  useEffect(() => {
    const reload = () => void loadGateway().then(setGateway);
    reload();
    return watchGateway(reload);
  }, []);
  return gateway && <GatewayPolicy {...gateway} />;
}

function App() {
  const [options, setOptions] = useState<StoredOptions | null>(null);
  const [oauth, setOAuth] = useState<OAuthOptions | null>(null);
  useEffect(() => {
    const reload = () => void loadOptions().then(setOptions);
    reload();
    return watchOptions(reload);
  }, []);
  useEffect(() => {
    const reload = () => void loadOAuth().then(setOAuth);
    reload();
    return watchOAuth(reload);
  }, []);
  if (options === null) return null;
  return (
    <OptionsPage
      {...options}
      onForgetManaged={forgetManagedPolicy}
      onSavePolicy={savePolicy}
      onSaveSettings={saveSettings}
      onReplaceKey={replaceKey}
      onRemoveKey={removeKey}
      timeZone={localZone}
      links={
        <a class="fl-btn" data-testid="open-review" href={browser.runtime.getURL('/review.html')}>
          {t('open_review')}
        </a>
      }
    >
      <Gateway />
      <Hosts />
      {oauth && <ZendeskConnect {...oauth} onConnect={connectAccount} onDisconnect={disconnectAccount} />}
    </OptionsPage>
  );
}

localizeDocument(document.documentElement);
render(<App />, document.getElementById('app')!);
