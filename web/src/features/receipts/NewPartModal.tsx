// A scanned barcode no part has: create the part right here (POST /parts) with the barcode
// filled in, and the receipt line gets it. Server errors (a taken code) land on their field.
import { Alert, Form, Input, Modal } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiPost } from '../../api/client';
import { showApiError } from '../../lib/formErrors';
import { useFormSubmit } from '../../lib/formSubmit';
import type { ScannedPart } from '../../lib/scan/useLineScan';

type Values = { code: string; name: string; spec?: string; unit: string; category?: string; barcode: string };

export function NewPartModal({ barcode, onClose, onCreated }: { barcode: string; onClose: () => void; onCreated: (p: ScannedPart) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { submit: save, busy, error } = useFormSubmit(
    form,
    async (v) => {
      const p = await apiPost('/parts', { code: v.code.trim(), name: v.name.trim(), unit: v.unit.trim(), spec: v.spec?.trim() || null, category: v.category?.trim() || null, barcode: v.barcode.trim() || null });
      void qc.invalidateQueries({ queryKey: ['parts'] });
      onCreated(p);
    },
    (err) => showApiError(form, err),
  );
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <Modal open title={t('scan.newPartTitle')} onCancel={onClose} onOk={() => void save()} confirmLoading={busy} destroyOnHidden okButtonProps={{ 'data-testid': 'new-part-save' } as never} data-testid="new-part-modal">
      <Form<Values> form={form} layout="vertical" initialValues={{ barcode, unit: '个' }}>
        <Form.Item name="barcode" label={t('scan.barcode')}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="code" label={t('common.code')} rules={required}>
          <Input maxLength={64} autoFocus data-testid="new-part-code" />
        </Form.Item>
        <Form.Item name="name" label={t('common.name')} rules={required}>
          <Input maxLength={200} data-testid="new-part-name" />
        </Form.Item>
        <Form.Item name="spec" label={t('common.spec')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="unit" label={t('common.unit')} rules={required}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="category" label={t('common.category')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="form-error" />}
    </Modal>
  );
}
