import type { ComponentChildren } from 'preact';

/** A dialog's one message: an error (announced) or progress (polite). */
export function FormMessage(props: {
  id: string;
  error?: string | undefined;
  progress?: string | undefined;
  children?: ComponentChildren;
}) {
  if (props.error) {
    return (
      <div class="form-error" id={props.id} role="alert">
        <p>{props.error}</p>
        {props.children}
      </div>
    );
  }
  return (
    <p class="progress-note" id={props.id} role="status">
      {props.progress ?? ''}
    </p>
  );
}
