// Chinese names of document types and statuses, shared by slips, exports and (later) the web app.
import type { DocumentStatus, DocumentType } from './tables.js';

export const DOCUMENT_TYPE_LABEL: Record<DocumentType, string> = {
  receipt: '入库单',
  issue: '出库单',
  return: '退料单',
  write_off: '核销单',
  transfer: '调拨单',
  transfer_receipt: '调拨接收单',
  reversal: '冲销单',
  count: '盘点单',
  opening: '期初入库单',
  old_parts_in: '旧件入库单',
  old_parts_out: '旧件处理单',
};

export const DOCUMENT_STATUS_LABEL: Record<DocumentStatus, string> = {
  posted: '已过账',
  pending_approval: '待审批',
  rejected: '已驳回',
  in_transit: '在途',
  received: '已接收',
  draft: '草稿',
  cancelled: '已取消',
};
