// The shell: navigation by role (GET /me), a user menu with language switch and logout.
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Alert, Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography } from 'antd';
import { AppstoreOutlined, AuditOutlined, BarChartOutlined, CalculatorOutlined, DatabaseOutlined, DeleteOutlined, ExportOutlined, FileTextOutlined, ImportOutlined, InboxOutlined, MenuOutlined, MobileOutlined, RollbackOutlined, ScheduleOutlined, ShoppingCartOutlined, SwapOutlined, ToolOutlined, UserOutlined, WarningOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { apiPost } from '../api/client';
import { changeLanguage, LANGUAGES, type Lang } from '../i18n';
import type { Me } from '../lib/lookups';
import { screensFor, type Screen } from './session';
import { AccountBookOutlined, CarOutlined, FileDoneOutlined, FormOutlined, HddOutlined, TeamOutlined } from '@ant-design/icons';
import { RestOutlined } from '@ant-design/icons';
import { BankOutlined, ClusterOutlined, DeploymentUnitOutlined, PhoneOutlined, ProfileOutlined, ShopOutlined } from '@ant-design/icons';
// The bell is lazy: its list and popover would otherwise weigh on every first page load.
const NotificationsBell = lazy(() => import('../features/service-extras/NotificationsBell').then((m) => ({ default: m.NotificationsBell })));

const ITEMS: Record<Screen, { path: string; icon: ReactNode }> = {
  calls: { path: '/service/calls', icon: <PhoneOutlined /> },
  workOrders: { path: '/service/work-orders', icon: <ProfileOutlined /> },
  board: { path: '/service/board', icon: <ClusterOutlined /> },
  customers: { path: '/service/customers', icon: <ShopOutlined /> },
  units: { path: '/service/units', icon: <DeploymentUnitOutlined /> },
  models: { path: '/service/models', icon: <BankOutlined /> },
  oldParts: { path: '/old-parts', icon: <RestOutlined /> },
  parts: { path: '/parts', icon: <AppstoreOutlined /> },
  receipt: { path: '/receipts/new', icon: <ImportOutlined /> },
  issue: { path: '/issues/new', icon: <ExportOutlined /> },
  stock: { path: '/stock', icon: <DatabaseOutlined /> },
  myParts: { path: '/my-parts', icon: <ToolOutlined /> },
  reservations: { path: '/reservations', icon: <ScheduleOutlined /> },
  returns: { path: '/returns', icon: <RollbackOutlined /> },
  documents: { path: '/documents', icon: <FileTextOutlined /> },
  approvals: { path: '/approvals', icon: <AuditOutlined /> },
  returnsWriteOffs: { path: '/returns-write-offs', icon: <DeleteOutlined /> },
  transfers: { path: '/transfers/new', icon: <SwapOutlined /> },
  transferReceive: { path: '/transfers/receive', icon: <InboxOutlined /> },
  counts: { path: '/counts', icon: <CalculatorOutlined /> },
  stats: { path: '/stats/issues', icon: <BarChartOutlined /> },
  purchasing: { path: '/purchasing', icon: <ShoppingCartOutlined /> },
  shortages: { path: '/shortages', icon: <WarningOutlined /> },
  mobile: { path: '/m', icon: <MobileOutlined /> },
  carryIns: { path: '/carry-ins', icon: <HddOutlined /> },
  loaners: { path: '/loaners', icon: <CarOutlined /> },
  charges: { path: '/charges', icon: <AccountBookOutlined /> },
  invoiceRequests: { path: '/invoice-requests', icon: <FileDoneOutlined /> },
  dailyReport: { path: '/daily-report', icon: <FormOutlined /> },
  dailyRollUp: { path: '/daily-roll-up', icon: <TeamOutlined /> },
};

export function Shell({ me, children }: { me: Me; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const nav = useNavigate();
  const loc = useLocation();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [open, setOpen] = useState(false);
  const items = screensFor(me.roles).map((s) => ({ key: ITEMS[s].path, icon: ITEMS[s].icon, label: t(`nav.${s}`) }));
  const selected = items.filter((i) => loc.pathname === i.key || loc.pathname.startsWith(`${i.key}/`)).map((i) => i.key);
  // A technician on a phone-sized screen is offered the phone view (/m) once per session.
  const [offerHidden, setOfferHidden] = useState(() => sessionStorage.getItem('aftersales.m.offer') === 'no');
  const offerMobile = narrow && !offerHidden && me.roles.includes('technician') && loc.pathname !== '/m' && !loc.pathname.startsWith('/m/');
  const hideOffer = () => {
    sessionStorage.setItem('aftersales.m.offer', 'no');
    setOfferHidden(true);
  };

  const logout = async () => {
    try {
      await apiPost('/auth/logout', {} as never);
    } finally {
      qc.clear();
      localStorage.removeItem('aftersales.m.cache'); // the phone view's offline copy (its unsent changes stay, per user)
      qc.setQueryData(['me'], null);
      nav('/login', { replace: true });
    }
  };
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected}
      items={items}
      data-testid="nav"
      onClick={(e) => {
        setOpen(false);
        nav(e.key);
      }}
      style={{ borderInlineEnd: 0 }}
    />
  );
  const userMenu = {
    items: [
      { key: 'roles', disabled: true, label: me.roles.map((r) => t(`role.${r}`, { defaultValue: r })).join('、') },
      { type: 'divider' as const },
      { key: 'lang', label: t('user.language'), children: LANGUAGES.map((l) => ({ key: `lang:${l.code}`, label: l.label })) },
      { key: 'logout', label: t('user.logout'), danger: true },
    ],
    onClick: ({ key }: { key: string }) => {
      if (key === 'logout') void logout();
      else if (key.startsWith('lang:')) void changeLanguage(key.slice(5) as Lang).then(() => qc.invalidateQueries());
    },
    selectedKeys: [`lang:${i18n.language}`],
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!narrow && (
        <Layout.Sider theme="light" width={200} style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
          <div style={{ height: 56, display: 'flex', alignItems: 'center', paddingInline: 20, fontWeight: 600, fontSize: 16 }}>{t('app.title')}</div>
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header style={{ background: '#fff', paddingInline: narrow ? 12 : 24, display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0', height: 56, lineHeight: '56px' }}>
          <Space>
            {narrow && <Button type="text" icon={<MenuOutlined />} onClick={() => setOpen(true)} aria-label="menu" data-testid="nav-toggle" />}
            {narrow && <Typography.Text strong>{t('app.title')}</Typography.Text>}
          </Space>
          <Space size={4}>
            <Suspense fallback={null}>
              <NotificationsBell />
            </Suspense>
          <Dropdown menu={userMenu} trigger={['click']}>
            <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
              {me.displayName}
            </Button>
          </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: narrow ? 12 : 24 }}>
          {offerMobile && (
            <Alert
              type="info"
              showIcon
              icon={<MobileOutlined />}
              closable
              onClose={hideOffer}
              message={t('mobile.offer')}
              action={
                <Button type="primary" onClick={() => { hideOffer(); nav('/m'); }} data-testid="offer-mobile">
                  {t('mobile.offerOpen')}
                </Button>
              }
              style={{ marginBottom: 12 }}
              data-testid="mobile-offer"
            />
          )}
          {children}
        </Layout.Content>
      </Layout>
      {narrow && (
        <Drawer placement="left" open={open} onClose={() => setOpen(false)} width={220} title={t('app.title')} styles={{ body: { padding: 0 } }}>
          {menu}
        </Drawer>
      )}
    </Layout>
  );
}
