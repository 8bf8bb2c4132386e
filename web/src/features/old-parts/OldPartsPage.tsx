// 旧件 (R-INV-17): the hand-in of a work order's old parts and the monthly disposal list, as two
// tabs; ?tab=hand-in&workOrderId=… opens the hand-in of one work order (links from the list).
import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { DisposalTab } from './DisposalTab';
import { HandInTab } from './HandInTab';

export default function OldPartsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'disposal' ? 'disposal' : 'hand-in';
  const wo = Number(params.get('workOrderId'));
  const workOrderId = Number.isInteger(wo) && wo > 0 ? wo : null;
  const update = (next: { tab?: string; workOrderId?: number | null }) => {
    const p = new URLSearchParams(params);
    if (next.tab !== undefined) p.set('tab', next.tab);
    if (next.workOrderId !== undefined) {
      if (next.workOrderId === null) p.delete('workOrderId');
      else p.set('workOrderId', String(next.workOrderId));
    }
    setParams(p, { replace: true });
  };
  return (
    <Card title={t('oldParts.title')} styles={{ body: { paddingTop: 0 } }}>
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k })}
        items={[
          { key: 'hand-in', label: <span data-testid="op-tab-hand-in">{t('oldParts.tabs.handIn')}</span>, children: <HandInTab workOrderId={workOrderId} onWorkOrder={(id) => update({ workOrderId: id })} /> },
          { key: 'disposal', label: <span data-testid="op-tab-disposal">{t('oldParts.tabs.disposal')}</span>, children: <DisposalTab /> },
        ]}
      />
    </Card>
  );
}
