import { useId, type ReactNode } from 'react';
import type { AuthKind, LabelColor, ProfileView, SafetyLevel } from '../../../src-shared/ipc/contract';
import {
  AUTH_KIND_LABELS,
  COLOR_LABELS,
  SAFETY_LABELS,
  SECRET_LABELS,
  caHint,
  caSummary,
  effectiveTokenUrl,
  secretHint,
  tokenUrlHint,
  urlHint,
  type FormState,
  type Hint,
} from './profile-form-model';

interface ProfileFormProps {
  form: FormState;
  onChange: (next: FormState) => void;
  /** The saved profile being edited (null while adding). */
  saved: ProfileView | null;
  /** Which field the last save error was about. */
  errorField: string | null;
  busy: boolean;
  onSave: () => void;
  onTest: () => void;
  children?: ReactNode;
}

/** Add or edit one tenant profile. Every control has a visible label. */
export function ProfileForm({
  form,
  onChange,
  saved,
  errorField,
  busy,
  onSave,
  onTest,
  children,
}: ProfileFormProps) {
  const id = useId();
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => onChange({ ...form, [key]: value });
  const url = urlHint(form.url);
  const secret = secretHint(form);
  const stored = saved?.secret.configured
    ? `Stored${saved.secret.tokenIdentifier ? ` (${saved.secret.tokenIdentifier})` : ''} — leave empty to keep`
    : 'Not stored yet';

  return (
    <form
      className="profile-form"
      aria-label={saved ? `Edit ${saved.name}` : 'New environment'}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <Field id={`${id}-name`} label="Name" invalid={errorField === 'name'}>
        <input
          id={`${id}-name`}
          value={form.name}
          onChange={(e) => set('name', e.target.value)}
          required
          maxLength={200}
        />
      </Field>
      <Field id={`${id}-url`} label="Environment URL" hint={url} invalid={errorField === 'url'}>
        <input
          id={`${id}-url`}
          value={form.url}
          placeholder="https://abc12345.apps.dynatrace.com"
          aria-describedby={url ? `${id}-url-hint` : undefined}
          aria-invalid={url?.kind === 'error' || errorField === 'url'}
          spellCheck={false}
          onChange={(e) => set('url', e.target.value)}
        />
      </Field>
      <Field id={`${id}-auth`} label="Authentication" invalid={errorField === 'authKind'}>
        <select
          id={`${id}-auth`}
          value={form.authKind}
          onChange={(e) => set('authKind', e.target.value as AuthKind)}
        >
          {(Object.keys(AUTH_KIND_LABELS) as AuthKind[]).map((k) => (
            <option key={k} value={k}>
              {AUTH_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </Field>
      {form.authKind === 'oauth' && (
        <>
          <Field id={`${id}-client`} label="Client ID" invalid={errorField === 'clientId'}>
            <input
              id={`${id}-client`}
              value={form.clientId}
              placeholder="dt0s02.ABCD1234"
              spellCheck={false}
              onChange={(e) => set('clientId', e.target.value)}
            />
          </Field>
        </>
      )}
      <Field
        id={`${id}-secret`}
        label={SECRET_LABELS[form.authKind]}
        hint={secret ?? { kind: 'info', text: stored }}
        invalid={errorField === 'secret'}
      >
        <input
          id={`${id}-secret`}
          type="password"
          aria-describedby={`${id}-secret-hint`}
          aria-invalid={secret?.kind === 'error' || errorField === 'secret'}
          autoComplete="off"
          spellCheck={false}
          value={form.secret}
          placeholder={saved?.secret.configured ? '••••••••' : ''}
          onChange={(e) => set('secret', e.target.value)}
        />
      </Field>
      {form.authKind === 'oauth' && (
        <>
          <Field
            id={`${id}-scopes`}
            label="Scopes"
            hint={{
              kind: 'info',
              text: 'Space-separated. Queries use the read scopes, sending events the write scope.',
            }}
            invalid={errorField === 'scopes'}
          >
            <input
              id={`${id}-scopes`}
              value={form.scopes}
              spellCheck={false}
              onChange={(e) => set('scopes', e.target.value)}
            />
          </Field>
          <Field id={`${id}-resource`} label="Resource (optional)" invalid={errorField === 'resource'}>
            <input
              id={`${id}-resource`}
              value={form.resource}
              placeholder="urn:dtaccount:<account UUID>"
              spellCheck={false}
              onChange={(e) => set('resource', e.target.value)}
            />
          </Field>
          <Field
            id={`${id}-token-url`}
            label="Token URL"
            hint={tokenUrlHint(form)}
            invalid={errorField === 'tokenUrl'}
          >
            <input
              id={`${id}-token-url`}
              value={form.tokenUrl}
              placeholder={effectiveTokenUrl({ url: form.url, tokenUrl: '' })}
              aria-describedby={`${id}-token-url-hint`}
              spellCheck={false}
              onChange={(e) => set('tokenUrl', e.target.value)}
            />
          </Field>
        </>
      )}
      <Field
        id={`${id}-ca`}
        label="CA certificate (optional, PEM)"
        hint={
          caHint(form.caCertificate) ?? {
            kind: 'info',
            text: 'For a TLS-inspecting proxy or a Managed cluster with a private CA; added to the system roots.',
          }
        }
        invalid={errorField === 'caCertificate'}
      >
        <textarea
          id={`${id}-ca`}
          className="ca-certificate"
          rows={3}
          value={form.caCertificate}
          placeholder="-----BEGIN CERTIFICATE-----"
          aria-describedby={`${id}-ca-hint`}
          aria-invalid={caHint(form.caCertificate)?.kind === 'error' || errorField === 'caCertificate'}
          spellCheck={false}
          onChange={(e) => set('caCertificate', e.target.value)}
        />
      </Field>
      <div className="toolbar">
        <label className="button" htmlFor={`${id}-ca-file`}>
          Load CA certificate from a file…
        </label>
        <input
          id={`${id}-ca-file`}
          className="visually-hidden"
          type="file"
          accept=".pem,.crt,.cer,application/x-pem-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void file.text().then((text) => set('caCertificate', text.slice(0, 64 * 1024)));
          }}
        />
        {form.caCertificate && (
          <button type="button" className="button" onClick={() => set('caCertificate', '')}>
            Remove CA certificate
          </button>
        )}
      </div>
      {saved && saved.caCertificates.length > 0 && (
        <ul className="ca-summary" aria-label="Saved CA certificates">
          {saved.caCertificates.map((c) => (
            <li key={c.sha256} className={c.expired ? 'field-hint-error' : undefined}>
              {caSummary(c)}
            </li>
          ))}
        </ul>
      )}
      <div className="profile-form-row">
        <Field id={`${id}-color`} label="Label colour">
          <select
            id={`${id}-color`}
            value={form.color}
            onChange={(e) => set('color', e.target.value as LabelColor)}
          >
            {(Object.keys(COLOR_LABELS) as LabelColor[]).map((c) => (
              <option key={c} value={c}>
                {COLOR_LABELS[c]}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-safety`} label="Safety">
          <select
            id={`${id}-safety`}
            value={form.safety}
            onChange={(e) => set('safety', e.target.value as SafetyLevel)}
          >
            {(Object.keys(SAFETY_LABELS) as SafetyLevel[]).map((s) => (
              <option key={s} value={s}>
                {SAFETY_LABELS[s]}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="toolbar">
        <button type="submit" className="button button-primary" disabled={busy}>
          Save
        </button>
        <button type="button" className="button" disabled={busy} onClick={onTest}>
          Test connection
        </button>
        {children}
      </div>
    </form>
  );
}

function Field({
  id,
  label,
  hint,
  invalid,
  children,
}: {
  id: string;
  label: string;
  hint?: Hint | null;
  invalid?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`field${invalid ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <span className={`field-hint field-hint-${hint.kind}`} id={`${id}-hint`}>
          {hint.text}
        </span>
      )}
    </div>
  );
}
