import { useId } from 'react';
import type { FormEvent, ReactNode } from 'react';

interface InlineFormProps {
  title: ReactNode;
  submitLabel: string;
  /** Shown as an alert under the fields. */
  error: string | null;
  onSubmit: (e: FormEvent) => void;
  onClose: () => void;
  /** Leave checking to the submit handler (number fields whose messages it writes itself). */
  noValidate?: boolean;
  children: ReactNode;
}

/**
 * The shell of the small forms that open in place (limits, save query, save template): a heading
 * that names the form, Esc closing it as Cancel does (and not also cancelling a running query),
 * the error, Cancel and the submit button.
 */
export function InlineForm({
  title,
  submitLabel,
  error,
  onSubmit,
  onClose,
  noValidate,
  children,
}: InlineFormProps) {
  const headingId = useId();
  return (
    <form
      className="query-settings"
      aria-labelledby={headingId}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.preventDefault();
        onClose();
      }}
      noValidate={noValidate}
      onSubmit={onSubmit}
    >
      <h3 id={headingId}>{title}</h3>
      {children}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="toolbar">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
