// A modal form that posts (or patches) one record and refreshes the lists it names.
import { useEffect, type ReactNode } from 'react';
import { Alert, Form, Modal, type FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormSubmit } from '../../lib/formSubmit';

export function SimpleFormModal<V extends object>({ open, title, initial, onClose, save, invalidate, children, testId }: { open: boolean; title: string; initial?: Partial<V>; onClose: () => void; save: (v: V) => Promise<unknown>; invalidate: string[]; children: (form: FormInstance<V>) => ReactNode; testId?: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<V>();
  const { submit, busy, error, setError } = useFormSubmit(form, async (v) => {
    await save(v);
    for (const k of invalidate) void qc.invalidateQueries({ queryKey: [k] });
    onClose();
  });
  useEffect(() => {
    if (open) {
      form.resetFields();
      if (initial) form.setFieldsValue(initial as never);
      setError(null);
    }
  }, [open, initial, form, setError]);
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} okText={t('service.common.save')} cancelText={t('service.common.cancel')} destroyOnHidden okButtonProps={{ 'data-testid': `${testId ?? 'form'}-save` } as never}>
      <Form form={form} layout="vertical" data-testid={testId}>
        {children(form)}
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}
