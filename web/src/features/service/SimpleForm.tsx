// A modal form that posts (or patches) one record and refreshes the lists it names.
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Form, Modal, type FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/formErrors';

export function SimpleFormModal<V extends object>({ open, title, initial, onClose, save, invalidate, children, testId }: { open: boolean; title: string; initial?: Partial<V>; onClose: () => void; save: (v: V) => Promise<unknown>; invalidate: string[]; children: (form: FormInstance<V>) => ReactNode; testId?: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      form.resetFields();
      if (initial) form.setFieldsValue(initial as never);
      setError(null);
    }
  }, [open, initial, form]);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      await save(v);
      for (const k of invalidate) void qc.invalidateQueries({ queryKey: [k] });
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} okText={t('service.common.save')} cancelText={t('service.common.cancel')} destroyOnHidden okButtonProps={{ 'data-testid': `${testId ?? 'form'}-save` } as never}>
      <Form form={form} layout="vertical" data-testid={testId}>
        {children(form)}
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}
