// Error codes of service reports (R-SVC-7) and old parts (R-INV-17).
import { defineErrors } from '../../platform/errors.js';

export const reportErrors = defineErrors({
  stale_version: {
    status: 409,
    'zh-CN': '服务报告已被他人修改（当前版本 {current}），请刷新后再保存',
    'zh-TW': '服務報告已被他人修改（目前版本 {current}），請重新整理後再儲存',
    en: 'The service report was changed by someone else (now version {current}); reload and save again',
  },
  report_locked: {
    status: 409,
    'zh-CN': '服务报告已{status}，不能再修改',
    'zh-TW': '服務報告已{status}，不能再修改',
    en: 'The service report is {status}; it can no longer be changed',
  },
  report_not_editable: {
    status: 409,
    'zh-CN': '工单状态为「{status}」，不能填写服务报告',
    'zh-TW': '工單狀態為「{status}」，不能填寫服務報告',
    en: 'A work order in state "{status}" takes no service report',
  },
  report_incomplete: {
    status: 409,
    'zh-CN': '服务报告未填写完整：{fields}',
    'zh-TW': '服務報告未填寫完整：{fields}',
    en: 'The service report is incomplete: {fields}',
  },
  report_not_submitted: {
    status: 409,
    'zh-CN': '服务报告尚未提交（完工后才能签字）',
    'zh-TW': '服務報告尚未提交（完工後才能簽名）',
    en: 'The service report has not been submitted; the customer signs only after the work',
  },
  signature_required: {
    status: 409,
    'zh-CN': '工单只能通过服务报告的客户签字变为「已签字」',
    'zh-TW': '工單只能透過服務報告的客戶簽名變為「已簽名」',
    en: 'A work order is signed only through its service report (customer signature)',
  },
  not_lead_technician: {
    status: 403,
    'zh-CN': '只有负责的技术员才能提交服务报告（配件从其手中核销）',
    'zh-TW': '只有負責的技術員才能提交服務報告（配件從其手中核銷）',
    en: 'Only the technician in charge submits the report (parts are written off from their holding)',
  },
  invalid_photo: {
    status: 400,
    'zh-CN': '照片须为 JPEG 或 PNG（data URL，base64）',
    'zh-TW': '照片須為 JPEG 或 PNG（data URL，base64）',
    en: 'A photo must be a JPEG or PNG data URL (base64)',
  },
  photo_too_large: {
    status: 400,
    'zh-CN': '照片不能超过 {maxMb} MB',
    'zh-TW': '照片不能超過 {maxMb} MB',
    en: 'A photo may be at most {maxMb} MB',
  },
  too_many_photos: {
    status: 409,
    'zh-CN': '每份服务报告最多 {max} 张照片',
    'zh-TW': '每份服務報告最多 {max} 張照片',
    en: 'At most {max} photos per service report',
  },
  invalid_signature: {
    status: 400,
    'zh-CN': '签名须为 PNG 图片（data URL，不超过 512 KB）及签字人姓名',
    'zh-TW': '簽名須為 PNG 圖片（data URL，不超過 512 KB）及簽名人姓名',
    en: 'The signature must be a PNG data URL (at most 512 KB) with the signer’s name',
  },
  invalid_report_field: {
    status: 400,
    'zh-CN': '服务报告字段 {field} 无效',
    'zh-TW': '服務報告欄位 {field} 無效',
    en: 'Invalid service report field {field}',
  },
  unknown_photo: { status: 404, 'zh-CN': '找不到照片 {photoId}', 'zh-TW': '找不到照片 {photoId}', en: 'No photo {photoId}' },
  unknown_report_cycle: {
    status: 404,
    'zh-CN': '该工单没有第 {cycle} 轮服务报告（当前为第 {current} 轮）',
    'zh-TW': '該工單沒有第 {cycle} 輪服務報告（目前為第 {current} 輪）',
    en: 'This work order has no report cycle {cycle} (the current one is {current})',
  },
  old_parts_exceeded: {
    status: 409,
    'zh-CN': '旧件 {partCode} 超出服务报告数量：应交回 {expected}，已交回 {handedIn}，本次 {requested}',
    'zh-TW': '舊件 {partCode} 超出服務報告數量：應交回 {expected}，已交回 {handedIn}，本次 {requested}',
    en: 'Old part {partCode} exceeds the service report: {expected} to bring back, {handedIn} handed in, {requested} now',
  },
  old_parts_not_pending: {
    status: 409,
    'zh-CN': '旧件库中待处理的 {partCode} 不足：待处理 {pending}，本次 {requested}',
    'zh-TW': '舊件庫中待處理的 {partCode} 不足：待處理 {pending}，本次 {requested}',
    en: 'Not enough pending old parts {partCode} in that location: {pending} pending, {requested} requested',
  },
  refurbish_needs_store: {
    status: 400,
    'zh-CN': '翻新入库须指定目标仓库或服务站库（toLocationId）',
    'zh-TW': '翻新入庫須指定目標倉庫或服務站庫（toLocationId）',
    en: 'Refurbishing needs a target warehouse or station store (toLocationId)',
  },
  invalid_month: { status: 400, 'zh-CN': '月份 {value} 无效，应为 YYYY-MM', 'zh-TW': '月份 {value} 無效，應為 YYYY-MM', en: 'Invalid month {value}; use YYYY-MM' },
});
