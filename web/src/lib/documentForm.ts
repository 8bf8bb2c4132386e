// Posting a document form (receipt, issue, transfer): validate, send once per Idempotency-Key
// (a retry after a lost answer cannot post twice), put server errors on their fields, refresh
// the lists that changed; again() starts a new document with a new key. After an error every
// typed value stays; a failed post rolls back its key on the server, so the retry reuses it.
import { useRef, useState } from 'react';
import type { FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { newIdempotencyKey } from '../api/client';
import { showApiError, type DetailFields } from './formErrors';
import { useFormSubmit } from './formSubmit';

export function useDocumentForm<V extends { lines: { partId?: number }[] }, D>(
  form: FormInstance<V>,
  send: (values: V, idempotencyKey: string) => Promise<D>,
  refresh: readonly string[],
  fields: DetailFields = {},
) {
  const qc = useQueryClient();
  const [posted, setPosted] = useState<D | null>(null);
  const key = useRef(newIdempotencyKey());
  const { submit: post, busy, error, setError } = useFormSubmit(
    form,
    async (values) => {
      setPosted(await send(values, key.current));
      for (const k of refresh) void qc.invalidateQueries({ queryKey: [k] });
    },
    (err, values) => showApiError(form, err, values.lines, fields),
  );

  const again = () => {
    key.current = newIdempotencyKey();
    setPosted(null);
    form.setFieldsValue({ lines: [{}], remark: undefined } as never);
  };

  return { post, again, busy, error, setError, posted };
}
