// A form's submit button: validate (invalid fields show their own messages and nothing is sent),
// then run the action with busy shown; a failure's message is kept for the form's alert. By
// default the message is the error's own; `describe` can also put server errors on fields.
import { useState } from 'react';
import type { FormInstance } from 'antd';
import { errorMessage } from './formErrors';

export function useFormSubmit<V>(form: FormInstance<V>, action: (values: V) => Promise<unknown>, describe: (err: unknown, values: V) => string = (err) => errorMessage(err)) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setError(null);
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      await action(values);
    } catch (err) {
      setError(describe(err, values));
    } finally {
      setBusy(false);
    }
  };
  return { submit, busy, error, setError };
}
