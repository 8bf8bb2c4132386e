// Routes, each screen a lazy chunk so the entry stays small; the shell needs a session.
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { Result, Spin } from 'antd';
import { useMe, screensFor, homeFor, type Screen } from './session';
import { Shell } from './Shell';

const LoginPage = lazy(() => import('./Login'));
const PartsPage = lazy(() => import('../features/parts/PartsPage'));
const ReceiptPage = lazy(() => import('../features/receipts/ReceiptPage'));
const IssuePage = lazy(() => import('../features/issues/IssuePage'));
const StockPage = lazy(() => import('../features/stock/StockPage'));
const MyPartsPage = lazy(() => import('../features/holdings/MyPartsPage'));
const ReservationsPage = lazy(() => import('../features/reservations/ReservationsPage'));
const DocumentsPage = lazy(() => import('../features/documents/DocumentsPage'));
const ApprovalsPage = lazy(() => import('../features/approvals/ApprovalsPage'));
const ReturnWriteOffPage = lazy(() => import('../features/holdings/ReturnWriteOffPage'));
const TransferPage = lazy(() => import('../features/transfers/TransferPage'));
const TransferReceivePage = lazy(() => import('../features/transfers/TransferReceivePage'));
const CountsPage = lazy(() => import('../features/counts/CountsPage'));
const IssueStatsPage = lazy(() => import('../features/stats/IssueStatsPage'));
const PurchasingPage = lazy(() => import('../features/purchasing/PurchasingPage'));
const ShortagesPage = lazy(() => import('../features/shortages/ShortagesPage'));
const CallsPage = lazy(() => import('../features/service/CallsPage'));
const WorkOrdersPage = lazy(() => import('../features/service/WorkOrdersPage'));
const WorkOrderDetail = lazy(() => import('../features/service/WorkOrderDetail'));
const BoardPage = lazy(() => import('../features/service/BoardPage'));
const CustomersPage = lazy(() => import('../features/service/CustomersPage'));
const UnitsPage = lazy(() => import('../features/service/UnitsPage'));
const UnitHistoryPage = lazy(() => import('../features/service/UnitsPage').then((m) => ({ default: m.UnitHistoryPage })));
const ModelsPage = lazy(() => import('../features/service/ModelsPage'));
const MobilePage = lazy(() => import('../features/mobile/MobilePage'));
const CarryInsPage = lazy(() => import('../features/service-extras/CarryInsPage'));
const LoanersPage = lazy(() => import('../features/service-extras/LoanersPage'));
const ChargesPage = lazy(() => import('../features/service-extras/ChargesPage'));
const InvoiceRequestsPage = lazy(() => import('../features/service-extras/InvoiceRequestsPage'));
const DailyReportPage = lazy(() => import('../features/service-extras/DailyReportPage'));
const RollUpPage = lazy(() => import('../features/service-extras/RollUpPage'));
const OldPartsPage = lazy(() => import('../features/old-parts/OldPartsPage'));

const Loading = () => (
  <div style={{ padding: 48, textAlign: 'center' }}>
    <Spin />
  </div>
);

function Guard({ screen, children }: { screen: Screen; children: ReactNode }) {
  const { data: me } = useMe();
  if (!me) return null;
  if (!screensFor(me.roles).includes(screen)) return <Result status="403" title="403" />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

function Authenticated() {
  const { data: me, isPending } = useMe();
  const loc = useLocation();
  if (isPending) return <Loading />;
  if (!me) return <Navigate to="/login" replace state={{ from: loc.pathname }} />;
  return (
    <Shell me={me}>
      <Routes>
        <Route index element={<Navigate to={homeFor(me.roles)} replace />} />
        <Route path="parts" element={<Guard screen="parts"><PartsPage /></Guard>} />
        <Route path="receipts/new" element={<Guard screen="receipt"><ReceiptPage /></Guard>} />
        <Route path="issues/new" element={<Guard screen="issue"><IssuePage /></Guard>} />
        <Route path="stock" element={<Guard screen="stock"><StockPage /></Guard>} />
        <Route path="my-parts" element={<Guard screen="myParts"><MyPartsPage /></Guard>} />
        <Route path="returns" element={<Guard screen="returns"><ReturnWriteOffPage self /></Guard>} />
        <Route path="returns-write-offs" element={<Guard screen="returnsWriteOffs"><ReturnWriteOffPage /></Guard>} />
        <Route path="documents" element={<Guard screen="documents"><DocumentsPage /></Guard>} />
        <Route path="approvals" element={<Guard screen="approvals"><ApprovalsPage /></Guard>} />
        <Route path="transfers/new" element={<Guard screen="transfers"><TransferPage /></Guard>} />
        <Route path="transfers/receive" element={<Guard screen="transferReceive"><TransferReceivePage /></Guard>} />
        <Route path="counts" element={<Guard screen="counts"><CountsPage /></Guard>} />
        <Route path="stats/issues" element={<Guard screen="stats"><IssueStatsPage /></Guard>} />
        <Route path="reservations" element={<Guard screen="reservations"><ReservationsPage /></Guard>} />
        <Route path="purchasing" element={<Guard screen="purchasing"><PurchasingPage /></Guard>} />
        <Route path="shortages" element={<Guard screen="shortages"><ShortagesPage /></Guard>} />
        <Route path="m/*" element={<Guard screen="mobile"><MobilePage /></Guard>} />
        <Route path="carry-ins" element={<Guard screen="carryIns"><CarryInsPage /></Guard>} />
        <Route path="loaners" element={<Guard screen="loaners"><LoanersPage /></Guard>} />
        <Route path="charges" element={<Guard screen="charges"><ChargesPage /></Guard>} />
        <Route path="invoice-requests" element={<Guard screen="invoiceRequests"><InvoiceRequestsPage /></Guard>} />
        <Route path="daily-report" element={<Guard screen="dailyReport"><DailyReportPage /></Guard>} />
        <Route path="daily-roll-up" element={<Guard screen="dailyRollUp"><RollUpPage /></Guard>} />
        <Route path="old-parts" element={<Guard screen="oldParts"><OldPartsPage /></Guard>} />
        <Route path="service/calls" element={<Guard screen="calls"><CallsPage /></Guard>} />
        <Route path="service/work-orders" element={<Guard screen="workOrders"><WorkOrdersPage /></Guard>} />
        <Route path="service/work-orders/:id" element={<Guard screen="workOrders"><WorkOrderDetail /></Guard>} />
        <Route path="service/board" element={<Guard screen="board"><BoardPage /></Guard>} />
        <Route path="service/customers" element={<Guard screen="customers"><CustomersPage /></Guard>} />
        <Route path="service/units" element={<Guard screen="units"><UnitsPage /></Guard>} />
        <Route path="service/units/:id" element={<Guard screen="units"><UnitHistoryPage /></Guard>} />
        <Route path="service/models" element={<Guard screen="models"><ModelsPage /></Guard>} />
        <Route path="*" element={<Result status="404" title="404" />} />
      </Routes>
    </Shell>
  );
}

export function AppRouter() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/login" element={<Suspense fallback={<Loading />}><LoginPage /></Suspense>} />
        <Route path="/*" element={<Authenticated />} />
      </Routes>
    </BrowserRouter>
  );
}
