import { defineErrors } from '../../platform/errors.js';

// File-level codes answer the request; cell-level codes only appear inside an import report.
export const exchangeErrors = defineErrors({
  invalid_xlsx: {
    status: 400,
    'zh-CN': '文件不是有效的 Excel（.xlsx）文件',
    'zh-TW': '檔案不是有效的 Excel（.xlsx）檔案',
    en: 'The file is not a valid Excel (.xlsx) workbook',
  },
  import_empty: { status: 400, 'zh-CN': '表格中没有数据行', 'zh-TW': '表格中沒有資料列', en: 'The sheet has no data rows' },
  import_too_many_rows: {
    status: 400,
    'zh-CN': '一次最多导入 {max} 行',
    'zh-TW': '一次最多匯入 {max} 列',
    en: 'At most {max} rows per import',
  },
  import_missing_columns: {
    status: 400,
    'zh-CN': '表头缺少必需的列：{columns}',
    'zh-TW': '表頭缺少必需的欄：{columns}',
    en: 'The header row lacks required columns: {columns}',
  },
  import_rows_invalid: {
    status: 400,
    'zh-CN': '有 {failed} 行数据有误，未导入任何数据',
    'zh-TW': '有 {failed} 列資料有誤，未匯入任何資料',
    en: '{failed} rows are invalid; nothing was imported',
  },
  export_too_large: {
    status: 400,
    'zh-CN': '导出超过 {max} 行，请缩小筛选范围',
    'zh-TW': '匯出超過 {max} 列，請縮小篩選範圍',
    en: 'The export exceeds {max} rows; narrow the filters',
  },
  cell_required: { status: 400, 'zh-CN': '必填', 'zh-TW': '必填', en: 'Required' },
  cell_too_long: { status: 400, 'zh-CN': '超过 {max} 个字符', 'zh-TW': '超過 {max} 個字元', en: 'Longer than {max} characters' },
  cell_not_number: { status: 400, 'zh-CN': '应为数字', 'zh-TW': '應為數字', en: 'Must be a number' },
  cell_bad_value: { status: 400, 'zh-CN': '无法识别的单元格内容', 'zh-TW': '無法識別的儲存格內容', en: 'Unreadable cell value' },
  duplicate_in_file: {
    status: 400,
    'zh-CN': '与第 {otherRow} 行重复',
    'zh-TW': '與第 {otherRow} 列重複',
    en: 'Duplicates row {otherRow}',
  },
  unknown_location_code: { status: 400, 'zh-CN': '仓库编码不存在：{code}', 'zh-TW': '倉庫編碼不存在：{code}', en: 'No location with code {code}' },
  unknown_part_code: { status: 400, 'zh-CN': '配件编码不存在：{code}', 'zh-TW': '配件編碼不存在：{code}', en: 'No part with code {code}' },
  unknown_supplier_code: { status: 400, 'zh-CN': '供应商编码不存在：{code}', 'zh-TW': '供應商編碼不存在：{code}', en: 'No supplier with code {code}' },
  not_a_store: {
    status: 400,
    'zh-CN': '{code} 不是可存放库存的仓库',
    'zh-TW': '{code} 不是可存放庫存的倉庫',
    en: '{code} is not a store that can hold stock',
  },
});
