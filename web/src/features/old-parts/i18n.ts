// Texts of the old-parts screens (R-INV-17: hand-in and the monthly disposal list), mounted under
// `oldParts` in each language file. zh-CN is the shape the others mirror.
export const oldPartsZhCN = {
  title: '旧件',
  tabs: { handIn: '旧件交回', disposal: '每月旧件处理' },
  handIn: {
    workOrder: '工单', searchWorkOrder: '输入工单号搜索', pickWorkOrder: '请先选择工单', reportStatus: '服务报告',
    noReport: '该工单的服务报告没有旧件', expected: '应交回', handedIn: '已交回', pending: '待交回', now: '本次交回',
    location: '旧件库', defaultLocation: '默认：工单服务站的旧件库', post: '过账交回', posted: '旧件交回单 {{number}} 已过账',
    nothing: '请至少填写一行本次交回数量', tooMany: '不能超过待交回数量 {{qty}}', history: '交回记录', done: '已全部交回',
  },
  reportStatus: { draft: '草稿', submitted: '已提交', signed: '已签字' },
  list: {
    month: '月份', status: '状态', location: '旧件库', allLocations: '全部旧件库', all: '全部',
    pending: '待处理', disposed: '已处理', part: '配件', qty: '数量', pendingQty: '待处理', workOrder: '工单', technician: '技师',
    handedInAt: '交回日期', ageDays: '库龄', days: '{{n}} 天', document: '交回单', overdue: '超过 30 天', empty: '本月没有旧件',
    selected: '已选 {{n}} 项', dispose: '处理所选', export: '导出 Excel', printTitle: '{{month}} 旧件处理清单',
    oneLocation: '一次只能处理同一旧件库的旧件，请按旧件库筛选', fifo: '同一配件按交回先后（先进先出）处理。',
  },
  dispose: {
    title: '处理 {{n}} 项旧件', action: '处理方式', supplier: '索赔供应商', store: '翻新入库库位', remark: '备注', ok: '确认处理',
    done: '已处理 {{n}} 项，单据 {{docs}} 张',
    actions: { supplier_claim: '退供应商索赔', scrap: '报废', refurbish: '翻新入库' },
  },
};
export type OldPartsMessages = typeof oldPartsZhCN;

export const oldPartsZhTW: OldPartsMessages = {
  title: '舊件',
  tabs: { handIn: '舊件交回', disposal: '每月舊件處理' },
  handIn: {
    workOrder: '工單', searchWorkOrder: '輸入工單號搜尋', pickWorkOrder: '請先選擇工單', reportStatus: '服務報告',
    noReport: '該工單的服務報告沒有舊件', expected: '應交回', handedIn: '已交回', pending: '待交回', now: '本次交回',
    location: '舊件庫', defaultLocation: '預設：工單服務站的舊件庫', post: '過帳交回', posted: '舊件交回單 {{number}} 已過帳',
    nothing: '請至少填寫一行本次交回數量', tooMany: '不能超過待交回數量 {{qty}}', history: '交回記錄', done: '已全部交回',
  },
  reportStatus: { draft: '草稿', submitted: '已提交', signed: '已簽字' },
  list: {
    month: '月份', status: '狀態', location: '舊件庫', allLocations: '全部舊件庫', all: '全部',
    pending: '待處理', disposed: '已處理', part: '配件', qty: '數量', pendingQty: '待處理', workOrder: '工單', technician: '技師',
    handedInAt: '交回日期', ageDays: '庫齡', days: '{{n}} 天', document: '交回單', overdue: '超過 30 天', empty: '本月沒有舊件',
    selected: '已選 {{n}} 項', dispose: '處理所選', export: '匯出 Excel', printTitle: '{{month}} 舊件處理清單',
    oneLocation: '一次只能處理同一舊件庫的舊件，請按舊件庫篩選', fifo: '同一配件按交回先後（先進先出）處理。',
  },
  dispose: {
    title: '處理 {{n}} 項舊件', action: '處理方式', supplier: '索賠供應商', store: '翻新入庫庫位', remark: '備註', ok: '確認處理',
    done: '已處理 {{n}} 項，單據 {{docs}} 張',
    actions: { supplier_claim: '退供應商索賠', scrap: '報廢', refurbish: '翻新入庫' },
  },
};

export const oldPartsEn: OldPartsMessages = {
  title: 'Old parts',
  tabs: { handIn: 'Hand-in', disposal: 'Monthly disposal' },
  handIn: {
    workOrder: 'Work order', searchWorkOrder: 'Type a work order number', pickWorkOrder: 'Pick a work order first', reportStatus: 'Service report',
    noReport: "This work order's service report lists no old parts", expected: 'Expected', handedIn: 'Handed in', pending: 'Pending', now: 'Hand in now',
    location: 'Old-parts store', defaultLocation: "Default: the work order's station old-parts store", post: 'Post hand-in', posted: 'Old-parts hand-in {{number}} posted',
    nothing: 'Enter a quantity on at least one line', tooMany: 'At most the pending {{qty}}', history: 'Hand-ins', done: 'All handed in',
  },
  reportStatus: { draft: 'Draft', submitted: 'Submitted', signed: 'Signed' },
  list: {
    month: 'Month', status: 'Status', location: 'Old-parts store', allLocations: 'All old-parts stores', all: 'All',
    pending: 'Pending', disposed: 'Disposed', part: 'Part', qty: 'Qty', pendingQty: 'Pending', workOrder: 'Work order', technician: 'Technician',
    handedInAt: 'Handed in', ageDays: 'Age', days: '{{n}} d', document: 'Hand-in doc', overdue: 'Over 30 days', empty: 'No old parts this month',
    selected: '{{n}} selected', dispose: 'Dispose selected', export: 'Export Excel', printTitle: 'Old parts disposal list {{month}}',
    oneLocation: 'Dispose parts of one old-parts store at a time: filter by store', fifo: 'Parts of the same kind are disposed oldest first (FIFO).',
  },
  dispose: {
    title: 'Dispose {{n}} old parts', action: 'Action', supplier: 'Supplier (claim)', store: 'Refurbish into store', remark: 'Remark', ok: 'Dispose',
    done: '{{n}} disposed, {{docs}} document(s)',
    actions: { supplier_claim: 'Return to supplier (claim)', scrap: 'Scrap', refurbish: 'Refurbish into store' },
  },
};
