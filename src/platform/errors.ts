/**
 * Application errors: a stable snake_case code, an HTTP status, a message in each supported
 * language. Each module declares its own codes with defineErrors(); the HTTP layer looks the
 * code up here. 5xx never leaks internals.
 */
export type Lang = 'zh-CN' | 'zh-TW' | 'en';

export interface ErrorSpec {
  status: number;
  'zh-CN': string;
  'zh-TW': string;
  en: string;
}

const registry = new Map<string, ErrorSpec>();

export function defineErrors<K extends string>(specs: Record<K, ErrorSpec>): { [P in K]: P } {
  const codes = {} as { [P in K]: P };
  for (const [code, spec] of Object.entries(specs) as [K, ErrorSpec][]) {
    registry.set(code, spec);
    codes[code] = code as K & string as never;
  }
  return codes;
}

export function errorSpec(code: string): ErrorSpec | undefined {
  return registry.get(code);
}

export function allErrorCodes(): string[] {
  return [...registry.keys()];
}

export class AppError extends Error {
  constructor(
    public readonly code: string,
    public readonly details: Record<string, unknown> = {},
  ) {
    super(code);
    if (!registry.has(code)) throw new Error(`undeclared error code ${code}`);
  }
  get status(): number {
    return registry.get(this.code)!.status;
  }
}

/** Replaces {name} placeholders in a message with details values. */
export function formatMessage(code: string, lang: Lang, details: Record<string, unknown>): string {
  const spec = registry.get(code);
  if (!spec) return code;
  return spec[lang].replace(/\{(\w+)\}/g, (m, k: string) => (details[k] === undefined ? m : String(details[k])));
}

export const commonErrors = defineErrors({
  validation_failed: { status: 400, 'zh-CN': '输入有误：{reason}', 'zh-TW': '輸入有誤：{reason}', en: 'Invalid input: {reason}' },
  invalid_quantity: {
    status: 400,
    'zh-CN': '数量必须大于零',
    'zh-TW': '數量必須大於零',
    en: 'Quantity must be greater than zero',
  },
  negative_quantity: { status: 400, 'zh-CN': '数量不能为负数', 'zh-TW': '數量不能為負數', en: 'Quantity cannot be negative' },
  quantity_too_precise: {
    status: 400,
    'zh-CN': '数量最多三位小数',
    'zh-TW': '數量最多三位小數',
    en: 'Quantity may have at most 3 decimals',
  },
  quantity_too_large: { status: 400, 'zh-CN': '数量过大', 'zh-TW': '數量過大', en: 'Quantity is too large' },
  money_too_large: { status: 400, 'zh-CN': '金额过大（单价最多 10 亿元）', 'zh-TW': '金額過大（單價最多 10 億元）', en: 'Amount too large (at most one billion yuan)' },
  invalid_money: {
    status: 400,
    'zh-CN': '金额格式应为最多两位小数的非负数，如 12.30',
    'zh-TW': '金額格式應為最多兩位小數的非負數，如 12.30',
    en: 'Amounts are non-negative decimals with at most 2 places, e.g. 12.30',
  },
  amount_out_of_range: {
    status: 409,
    'zh-CN': '金额或数量超出系统可记录的范围（一笔库存余额的金额最多约 900 亿元）',
    'zh-TW': '金額或數量超出系統可記錄的範圍（一筆庫存餘額的金額最多約 900 億元）',
    en: 'Amount or quantity beyond what the system can record (a stock balance is worth at most about 90 billion yuan)',
  },
  invalid_date: { status: 400, 'zh-CN': '日期格式无效', 'zh-TW': '日期格式無效', en: 'Invalid date' },
  invalid_cursor: { status: 400, 'zh-CN': '分页游标无效', 'zh-TW': '分頁游標無效', en: 'Invalid paging cursor' },
  not_found: { status: 404, 'zh-CN': '找不到该记录', 'zh-TW': '找不到該記錄', en: 'Not found' },
  route_not_found: { status: 404, 'zh-CN': '接口不存在', 'zh-TW': '介面不存在', en: 'No such route' },
  unauthenticated: { status: 401, 'zh-CN': '请先登录', 'zh-TW': '請先登入', en: 'Please log in' },
  forbidden: { status: 403, 'zh-CN': '无权执行此操作', 'zh-TW': '無權執行此操作', en: 'You are not allowed to do this' },
  csrf_failed: {
    status: 403,
    'zh-CN': '请求来源校验失败，请刷新页面后重试',
    'zh-TW': '請求來源校驗失敗，請重新整理頁面後重試',
    en: 'Cross-site request check failed; reload the page and try again',
  },
  invalid_version: { status: 400, 'zh-CN': 'If-Match 应为读取时的版本号，如 "3"', 'zh-TW': 'If-Match 應為讀取時的版本號，如 "3"', en: 'If-Match must be the version read, e.g. "3"' },
  version_required: {
    status: 428,
    'zh-CN': '修改时需提供读取时的版本号',
    'zh-TW': '修改時需提供讀取時的版本號',
    en: 'Updates must carry the version they read',
  },
  version_conflict: {
    status: 409,
    'zh-CN': '记录已被他人修改，请刷新后重试',
    'zh-TW': '記錄已被他人修改，請重新整理後重試',
    en: 'Someone else changed this record; reload and try again',
  },
  duplicate: { status: 409, 'zh-CN': '{field} 已存在', 'zh-TW': '{field} 已存在', en: '{field} already exists' },
  concurrent_change: {
    status: 409,
    'zh-CN': '相关记录刚被其他操作引用或删除，未做任何更改，请刷新后重试',
    'zh-TW': '相關記錄剛被其他操作引用或刪除，未做任何更改，請重新整理後重試',
    en: 'A related record was just used or removed by someone else; nothing was changed. Reload and try again',
  },
  idempotency_key_reused: {
    status: 409,
    'zh-CN': '该幂等键已用于另一个请求',
    'zh-TW': '該冪等鍵已用於另一個請求',
    en: 'This Idempotency-Key was used for a different request',
  },
  idempotency_key_invalid: {
    status: 400,
    'zh-CN': '幂等键应为 1–200 个可见字符',
    'zh-TW': '冪等鍵應為 1–200 個可見字元',
    en: 'Idempotency-Key must be 1–200 visible characters',
  },
  payload_too_large: { status: 413, 'zh-CN': '请求内容过大', 'zh-TW': '請求內容過大', en: 'Request body too large' },
  unsupported_media_type: {
    status: 415,
    'zh-CN': '请求内容类型不受支持',
    'zh-TW': '請求內容類型不受支援',
    en: 'Unsupported content type',
  },
  rate_limited: { status: 429, 'zh-CN': '请求过于频繁，请稍后再试', 'zh-TW': '請求過於頻繁，請稍後再試', en: 'Too many requests; try again shortly' },
  busy: { status: 503, 'zh-CN': '系统繁忙，请稍后重试', 'zh-TW': '系統繁忙，請稍後重試', en: 'The system is busy; try again' },
  internal: { status: 500, 'zh-CN': '服务器内部错误', 'zh-TW': '伺服器內部錯誤', en: 'Internal server error' },
});
