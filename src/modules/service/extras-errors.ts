// Error codes of the service extras: carry-in repairs, loaners, charges and invoice requests,
// daily reports, notifications.
import { defineErrors } from '../../platform/errors.js';

export const extrasErrors = defineErrors({
  unknown_carry_in: { status: 404, 'zh-CN': '找不到携回修护单 {carryInId}', 'zh-TW': '找不到攜回修護單 {carryInId}', en: 'No carry-in repair {carryInId}' },
  carry_in_invalid_step: {
    status: 409,
    'zh-CN': '携回修护单状态为「{status}」，不能执行「{step}」',
    'zh-TW': '攜回修護單狀態為「{status}」，不能執行「{step}」',
    en: 'A carry-in repair in state "{status}" cannot take the step "{step}"',
  },
  repair_tag_incomplete: {
    status: 409,
    'zh-CN': '修护卡未填写完整（技术员、用时）',
    'zh-TW': '修護卡未填寫完整（技術員、用時）',
    en: 'The repair tag is incomplete (technician, time spent)',
  },
  carry_in_signature_invalid: {
    status: 400,
    'zh-CN': '签名须为 PNG 图片（data:image/png;base64,…，不超过 512 KB）',
    'zh-TW': '簽名須為 PNG 圖片（data:image/png;base64,…，不超過 512 KB）',
    en: 'The signature must be a PNG image (data:image/png;base64,…, at most 512 KB)',
  },
  unknown_loaner: { status: 404, 'zh-CN': '找不到备机 {loanerId}', 'zh-TW': '找不到備機 {loanerId}', en: 'No loaner unit {loanerId}' },
  loaner_not_available: {
    status: 409,
    'zh-CN': '备机状态为「{status}」，不能借出',
    'zh-TW': '備機狀態為「{status}」，不能借出',
    en: 'The loaner unit is "{status}"; it cannot be lent',
  },
  loaner_not_lent: { status: 409, 'zh-CN': '备机未借出', 'zh-TW': '備機未借出', en: 'The loaner unit is not lent out' },
  loaner_status_locked: {
    status: 409,
    'zh-CN': '借出中的备机只能通过归还改变状态',
    'zh-TW': '借出中的備機只能透過歸還改變狀態',
    en: 'A lent loaner unit changes state only by being returned',
  },
  due_back_in_past: { status: 400, 'zh-CN': '归还日期不能早于今天', 'zh-TW': '歸還日期不能早於今天', en: 'The due-back date cannot be before today' },
  unknown_charge_line: { status: 404, 'zh-CN': '找不到收费明细 {lineId}', 'zh-TW': '找不到收費明細 {lineId}', en: 'No charge line {lineId}' },
  charges_locked: {
    status: 409,
    'zh-CN': '该工单已申请开票（{status}），收费明细不能再修改',
    'zh-TW': '該工單已申請開票（{status}），收費明細不能再修改',
    en: 'An invoice was requested for this work order ({status}); its charges can no longer change',
  },
  invoice_already_requested: {
    status: 409,
    'zh-CN': '该工单已有开票申请（{status}）',
    'zh-TW': '該工單已有開票申請（{status}）',
    en: 'This work order already has an invoice request ({status})',
  },
  nothing_to_invoice: { status: 409, 'zh-CN': '应收金额为零，无需开票', 'zh-TW': '應收金額為零，無需開票', en: 'The customer owes nothing; there is nothing to invoice' },
  unknown_invoice_request: { status: 404, 'zh-CN': '找不到开票申请 {requestId}', 'zh-TW': '找不到開票申請 {requestId}', en: 'No invoice request {requestId}' },
  invoice_request_decided: {
    status: 409,
    'zh-CN': '开票申请已处理（{status}）',
    'zh-TW': '開票申請已處理（{status}）',
    en: 'The invoice request was already decided ({status})',
  },
  unknown_daily_report: { status: 404, 'zh-CN': '找不到日报 {reportId}', 'zh-TW': '找不到日報 {reportId}', en: 'No daily report {reportId}' },
  daily_report_submitted: {
    status: 409,
    'zh-CN': '日报已提交，不能再修改',
    'zh-TW': '日報已提交，不能再修改',
    en: 'The daily report was submitted; it can no longer change',
  },
  unknown_notification: { status: 404, 'zh-CN': '找不到通知 {notificationId}', 'zh-TW': '找不到通知 {notificationId}', en: 'No notification {notificationId}' },
});
