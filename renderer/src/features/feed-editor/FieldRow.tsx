// One labelled row of the feed form: the control, its help and its error, tied together by ids for screen readers.
import type { ReactNode } from 'react';

export interface FieldRowProps {
  id: string;
  label: string;
  help: string;
  error?: string | undefined;
  required?: boolean;
  children: ReactNode;
}

export function FieldRow({ id, label, help, error, required, children }: FieldRowProps) {
  return (
    <div className={`form-row${error ? ' invalid' : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {children}
      <FieldNotes id={id} help={help} error={error} />
    </div>
  );
}

/** A field's help and error lines, with the ids its control's aria-describedby names. */
export function FieldNotes({ id, help, error }: { id: string; help: string; error?: string | undefined }) {
  return (
    <>
      {help && (
        <p className="form-help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p className="form-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </>
  );
}
