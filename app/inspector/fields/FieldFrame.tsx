/** Label, help text and validation message around one form control. */
import type { ReactNode } from 'react';

export interface FieldFrameProps {
  readonly inputId: string;
  readonly label: string;
  readonly required: boolean;
  readonly description?: string | undefined;
  readonly problem: string;
  readonly children: ReactNode;
  readonly testId?: string;
}

export function FieldFrame({ inputId, label, required, description, problem, children, testId }: FieldFrameProps) {
  return (
    <div className={`field${problem ? ' invalid' : ''}`} data-testid={testId}>
      <label htmlFor={inputId}>
        {label}
        {required && <span className="required" aria-hidden="true"> *</span>}
      </label>
      {children}
      {problem && (
        <p className="field-problem" id={`${inputId}-problem`}>
          {problem}
        </p>
      )}
      {description && <p className="field-help">{description}</p>}
    </div>
  );
}

/** Props for the control inside a frame: described by its problem when there is one. */
export function describedBy(inputId: string, problem: string): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return problem ? { 'aria-invalid': true, 'aria-describedby': `${inputId}-problem` } : {};
}
