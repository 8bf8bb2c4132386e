// Print links for a posted document: HTML on A4 or an 80 mm slip, and PDF (opens in a new tab);
// PostedCard: what a document form shows once posted (its number, the print links, "again").
import { Button, Card, Result, Space, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../api/client';

export function PrintLinks({ documentId }: { documentId: number }) {
  const { t } = useTranslation();
  const link = (format: 'html' | 'pdf', paper: 'a4' | '80mm') => apiUrl('/documents/{id}/print', { id: documentId, format, paper });
  return (
    <Space wrap data-testid="print-links">
      <PrinterOutlined />
      <a href={link('html', 'a4')} target="_blank" rel="noreferrer" data-testid="print-a4">
        {t('print.a4')}
      </a>
      <a href={link('html', '80mm')} target="_blank" rel="noreferrer" data-testid="print-80mm">
        {t('print.r80')}
      </a>
      <a href={link('pdf', 'a4')} target="_blank" rel="noreferrer" data-testid="print-pdf">
        {t('print.pdf')}
      </a>
    </Space>
  );
}

export function PostedCard(props: { documentId: number; title: ReactNode; subTitle?: ReactNode; info?: boolean; slipLabel?: ReactNode; onAgain: () => void }) {
  const { t } = useTranslation();
  return (
    <Card>
      <Result
        status={props.info ? 'info' : 'success'}
        title={props.title}
        subTitle={props.subTitle}
        extra={[
          <div key="slip" style={{ marginBottom: 16 }}>
            {props.slipLabel && <Typography.Text strong>{props.slipLabel}：</Typography.Text>}
            <PrintLinks documentId={props.documentId} />
          </div>,
          <Button key="again" type="primary" onClick={props.onAgain}>
            {t('common.again')}
          </Button>,
        ]}
      />
    </Card>
  );
}
