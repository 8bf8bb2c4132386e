// Server errors shown where they belong: on the field details.field names (lines.0.qty), on the
// line of the part an insufficient-stock error names, or on a field named by the id the error
// carries (userId → the employee field); the form keeps what was typed. The server words its
// messages in the request's language; errors that never reached it are worded here.
import type { FormInstance } from 'antd';
import i18n from '../i18n';
import { ApiError } from '../api/client';

/** The message for any failure: the server's own, or a translated one for a lost connection. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.code === 'http_error' ? i18n.t('errors.server', { status: err.status }) : err.message;
  if (err instanceof TypeError) return i18n.t('errors.network');
  return err instanceof Error ? err.message : String(err);
}

/** Which form field an id in the error's details points at, e.g. { userId: 'toUserId' }. */
export type DetailFields = Partial<Record<'userId' | 'locationId' | 'supplierId' | 'reservationId', string>>;

/** Puts an API error on the blamed form field when there is one; returns the message for an Alert. */
export function showApiError(form: FormInstance, err: unknown, lines?: { partId?: number }[], fields: DetailFields = {}): string {
  const message = errorMessage(err);
  if (!(err instanceof ApiError)) return message;
  let name = err.field;
  const partId = err.details.partId;
  if (!name && typeof partId === 'number' && lines) {
    const i = lines.findIndex((l) => l?.partId === partId);
    if (i >= 0) name = ['lines', i, err.code === 'unknown_part' || err.code === 'part_archived' ? 'partId' : 'qty'];
  }
  if (!name) {
    const key = (Object.keys(fields) as (keyof DetailFields)[]).find((k) => err.details[k] !== undefined);
    if (key) name = [fields[key]!];
  }
  if (name) {
    try {
      form.setFields([{ name, errors: [message] }]);
    } catch {
      // a field the form does not render: the Alert still shows the message
    }
  }
  return message;
}
