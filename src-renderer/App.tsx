import { Composer } from './features/composer/Composer';
import { EnvironmentBar } from './features/connections/EnvironmentBar';
import { SecretBackendBanner } from './features/connections/SecretBackendBanner';
import { useAppInfo } from './features/connections/useAppInfo';
import { useEnvironments } from './features/connections/useEnvironments';
import { QueryPanel } from './features/query/QueryPanel';

export function App() {
  const appInfo = useAppInfo();
  const environments = useEnvironments();
  const environment = environments.selected;

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
      <main className="workspace">
        <QueryPanel environment={environment} />
        <Composer environment={environment} />
      </main>
    </div>
  );
}
