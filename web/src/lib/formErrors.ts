// Server errors shown where they belong: on the field details.field names (lines.0.qty), or
// on the line of the part an insufficient-stock error names; the form keeps what was typed.
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/** Puts an API error on the blamed form field when there is one; returns the message for an Alert. */
export function showApiError(form: FormInstance, err: unknown, lines?: { partId?: number }[]): string {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : String(err);
  let name = err.field;
  const partId = err.details.partId;
  if (!name && typeof partId === 'number' && lines) {
    const i = lines.findIndex((l) => l?.partId === partId);
    if (i >= 0) name = ['lines', i, 'qty'];
  }
  if (name) {
    try {
      form.setFields([{ name, errors: [err.message] }]);
    } catch {
      // a field the form does not render: the Alert still shows the message
    }
  }
  return err.message;
}
