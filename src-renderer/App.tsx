import { useEffect, useState } from 'react';
import { Composer } from './features/composer/Composer';
import { EnvironmentBar } from './features/connections/EnvironmentBar';
import { SecretBackendBanner } from './features/connections/SecretBackendBanner';
import { useAppInfo } from './features/connections/useAppInfo';
import { useEnvironments } from './features/connections/useEnvironments';
import { QueryPanel } from './features/query/QueryPanel';
import { HealthView } from './features/health/HealthView';
import { ViewSwitch, type AppView } from './features/health/ViewSwitch';
import { onOpenInEditor } from './lib/open-in-editor';

export function App() {
  const appInfo = useAppInfo();
  const environments = useEnvironments();
  const environment = environments.selected;
  const [view, setView] = useState<AppView>('explore');
  // The health view mounts on first use and then stays mounted (hidden), keeping its results.
  const [healthOpened, setHealthOpened] = useState(false);
  const showView = (next: AppView) => {
    if (next === 'health') setHealthOpened(true);
    setView(next);
  };
  // "Open in editor" from any view shows the editor it opened the query in.
  useEffect(() => onOpenInEditor(() => setView('explore')), []);

  return (
    <div className="app">
      <EnvironmentBar environments={environments} appInfo={appInfo.info} />
      {appInfo.info && (
        <SecretBackendBanner
          status={appInfo.info.secretBackend}
          onUseSessionOnly={appInfo.chooseSessionOnlySecrets}
          error={appInfo.sessionOnlyError}
        />
      )}
      {appInfo.loadError && (
        <div className="banner banner-error" role="alert">
          Bizlens could not talk to its background service: {appInfo.loadError}
        </div>
      )}
      <ViewSwitch value={view} onChange={showView} />
      <main
        className="workspace"
        hidden={view !== 'explore'}
        style={view === 'explore' ? undefined : { display: 'none' }}
      >
        <QueryPanel environment={environment} environments={environments.environments} />
        <Composer environment={environment} />
      </main>
      {healthOpened && (
        <main
          className="health-workspace"
          hidden={view !== 'health'}
          style={view === 'health' ? undefined : { display: 'none' }}
        >
          <HealthView environment={environment} active={view === 'health'} />
        </main>
      )}
    </div>
  );
}
