import type { Messages } from './zh-CN';
import { serviceZhTW } from '../features/service/i18n';
import { oldPartsZhTW } from '../features/old-parts/i18n';

/** 繁體中文. */
export const zhTW: Messages = {
  app: { title: '售後配件管理', short: '配件' },
  nav: { calls: '來電來函', workOrders: '工單', board: '派工看板', customers: '客戶', units: '設備', models: '產品型號', documents: '單據', approvals: '審批', returnsWriteOffs: '返還與核銷', transfers: '調撥', transferReceive: '調撥收貨', counts: '盤點', stats: '領取統計', parts: '配件', receipt: '入庫', issue: '出庫', stock: '庫存', myParts: '我的配件', reservations: '預訂', returns: '返還', shortages: '缺件申請', purchasing: '採購清單', mobile: '手機端', carryIns: '攜回修護', loaners: '備機', charges: '收費', invoiceRequests: '開票申請', dailyReport: '技術員日報表', dailyRollUp: '服務主任日報表', oldParts: '舊件' },
  user: { language: '語言', logout: '登出', roles: '角色' },
  role: { admin: '系統管理員', service_manager: '服務經理', dispatcher: '調度', technician: '技師', warehouse_keeper: '倉管', finance: '財務', station_user: '服務站' },
  login: { title: '登入', username: '使用者名稱', password: '密碼', submit: '登入', required: '請輸入{{field}}' },
  common: {
    search: '搜尋', prev: '上一頁', next: '下一頁', loadMore: '載入更多', none: '無', total: '合計', actions: '操作', detail: '詳情',
    code: '編碼', name: '名稱', spec: '規格', unit: '單位', category: '類別', salePrice: '銷售價', alarmQty: '警戒數量',
    location: '庫位', supplier: '供應商', part: '配件', qty: '數量', unitCost: '單位成本', lot: '批號', value: '金額',
    onHand: '在庫', reserved: '已預訂', available: '可用', time: '時間', kind: '類型', from: '從', to: '到', document: '單據',
    addLine: '新增一行', removeLine: '刪除', required: '必填', selectPart: '輸入編碼、名稱或拼音首字母', noData: '暫無資料',
    retry: '重試', belowAlarm: '低於警戒', status: '狀態', remark: '備註', again: '再錄一單', print: '列印',
  },
  parts: { title: '配件', searchPlaceholder: '編碼 / 名稱 / 規格 / 條碼 / 拼音首字母', stockByLocation: '各庫位庫存', lots: '批次', ledger: '出入庫流水', receivedAt: '入庫時間' },
  move: { receipt: '入庫', issue: '出庫', return: '返還', consume: '核銷', scrap: '報廢', transfer_out: '調出', transfer_in: '調入', transfer_loss: '在途損耗', count_gain: '盤盈', count_loss: '盤虧', opening: '期初', reversal: '沖銷' },
  receipt: {
    title: '入庫', location: '入庫庫位', supplier: '供應商', lot: '批號（選填）', preview: '預覽', post: '過帳',
    topUp: '補充批次 {{lot}}', newLot: '新批次', newLotNamed: '新批次 {{lot}}', posted: '入庫單 {{number}} 已過帳',
    costFormat: '金額最多兩位小數',
  },
  issue: { title: '出庫', store: '出庫庫位', employee: '領用人', posted: '出庫單 {{number}} 已過帳', availableHint: '可用 {{qty}}', slip: '領料單' },
  print: { a4: 'A4 列印', r80: '80mm 小票', pdf: 'PDF' },
  stock: {
    title: '庫存', byPart: '按配件', byLot: '按批次', allLocations: '全部庫位', asOf: '截至日期', asOfNow: '目前', asOfNote: '{{date}} 日終庫存（預訂為當時未領的數量）',
    category: '類別', allParts: '全部配件', lowCount: '{{n}} 項低於警戒值', export: '匯出 Excel',
  },
  bulk: {
    edit: '批次修改', selected: '已選 {{n}} 個配件', title: '批次修改 {{n}} 個配件', hint: '只修改勾選的項目，其餘保持不變；任一配件出錯則全部不儲存。',
    archive: '封存', archiveSet: '封存', archiveUnset: '取消封存', archived: '已封存', showArchived: '顯示已封存', apply: '儲存修改',
    saved: '已修改 {{n}} 個配件', pickField: '請至少勾選一項要修改的內容', clear: '清除選擇', failedRows: '以下配件未能修改',
  },
  importer: {
    button: '從 Excel 匯入', title: '從 Excel 匯入', kind: '匯入內容', parts: '配件', suppliers: '供應商', openingStock: '期初庫存',
    template: '下載範本', choose: '點擊或拖入 .xlsx 檔案', file: '檔案', allOk: '全部 {{n}} 列資料正確，可以匯入。',
    someBad: '{{failed}} 列有誤，{{valid}} 列正確。預設不匯入任何資料。', importAll: '匯入 {{n}} 列', goodOnly: '只匯入正確的 {{n}} 列',
    cancel: '不匯入', imported: '已匯入 {{n}} 列', nothing: '未匯入任何資料', documents: '期初入庫單：{{numbers}}',
    row: '列號', column: '欄', message: '錯誤訊息', export: '匯出 Excel',
  },
  purchasing: {
    title: '採購清單', printA4: 'A4 列印', pdf: 'PDF', export: '匯出 Excel', noSupplier: '未指定供應商', lines: '{{n}} 項', sources: '來源',
    shortage: '缺件申請', work_order: '工單待料', alarm: '低於警戒', lastCost: '最近進價', amount: '預計金額', empty: '暫無需要採購的配件',
    requests: '缺件申請', markOrdered: '已訂購', markClosed: '關閉', updated: '{{what}} 已更新', description: '描述', createdAt: '申請時間',
    groupTotal: '小計', contact: '聯絡人',
  },
  holdings: {
    title: '我的配件', totalValue: '手中配件金額', returnSelected: '返還所選', returnTo: '返還到', returnQty: '返還數量',
    returned: '返還單 {{number}} 已過帳', empty: '手中暫無配件', selectToReturn: '勾選要返還的配件',
  },
  reservations: {
    title: '預訂', number: '單號', expiresAt: '到期', openQty: '未領數量', new: '預訂配件', store: '從哪個庫位預訂', forUser: '為誰預訂', forStation: '網點',
    submit: '提交預訂', created: '預訂單 {{number}} 已提交，配件已為您保留', cancel: '取消預訂', cancelConfirm: '取消預訂單 {{number}}？保留的數量將釋放', cancelled: '預訂單 {{number}} 已取消',
    fulfil: '領取出庫', fulfilTitle: '按預訂單 {{number}} 出庫', fulfilled: '出庫單 {{number}} 已過帳', empty: '暫無預訂', mine: '我的預訂', all: '全部', createdAt: '預訂時間', again: '再訂', expiresHint: '不填則一直保留到領取或取消',
  },
  scan: {
    button: '掃碼', title: '掃描條碼', hint: '掃碼槍可直接掃描；手機點「掃碼」用相機', looking: '正在查找條碼 {{code}}…', added: '已新增第 {{line}} 行：{{part}}', incremented: '{{part}} 數量加 1，現為 {{qty}}',
    unknown: '條碼 {{code}} 沒有對應的配件', createPart: '新建此配件', noCamera: '未偵測到相機，請用掃碼槍或手動選擇配件', noCameraApi: '此瀏覽器無法使用相機（需 HTTPS 存取），請用掃碼槍或手動選擇配件',
    denied: '相機權限被拒絕，請在瀏覽器設定中允許存取相機', busy: '相機正被其他應用程式佔用', cameraError: '相機無法開啟：{{message}}', aim: '將條碼置於畫面中央，辨識後自動關閉',
    barcode: '條碼', newPartTitle: '新建配件', partCreated: '配件 {{code}} 已建立並加入單據',
  },
  shortages: {
    title: '缺件申請', request: '申請缺件', requested: '已申請缺件 {{qty}}', short: '缺 {{qty}}', qty: '缺件數量', description: '描述（目錄中沒有的配件）', mine: '只看我的', new: '新建缺件申請',
    submit: '提交申請', created: '缺件申請已提交', empty: '暫無缺件申請', createdAt: '申請時間', requester: '申請人', markOrdered: '已採購', close: '關閉', partOrDescription: '請選擇配件或填寫描述',
    status: { open: '待處理', ordered: '已採購', closed: '已關閉' }, confirm: '申請缺件 {{qty}}，列入採購清單？', fromReservation: '預訂時庫存不足', fromIssue: '出庫時庫存不足',
  },
  service: serviceZhTW,
  oldParts: oldPartsZhTW,
  errors: { network: '網路連線失敗，請檢查網路後重試；已填寫的內容仍保留', server: '伺服器出錯（{{status}}），請稍後重試' },
  status: { draft: '草稿', pending_approval: '待審批', posted: '已過帳', in_transit: '在途', received: '已收貨', rejected: '已駁回', reversed: '已沖銷', open: '未結', fulfilled: '已領', cancelled: '已取消', expired: '已過期' },
  docType: { receipt: '入庫單', issue: '出庫單', return: '返還單', write_off: '核銷單', transfer: '調撥單', transfer_receipt: '調撥收貨單', count: '盤點單', reversal: '沖銷單', reservation: '預訂單', old_parts_in: '舊件入庫單', old_parts_out: '舊件處理單' },
  documents: {
    title: '單據', type: '單據類型', status: '狀態', allTypes: '全部類型', allStatuses: '全部狀態', number: '單號', createdAt: '建立時間', postedAt: '過帳時間',
    totalCost: '成本金額', lines: '明細', remarkHistory: '備註修改記錄', editRemark: '修改備註', saveRemark: '儲存備註', remarkSaved: '備註已儲存',
    moves: '庫存異動', reverse: '沖銷', reverseTitle: '沖銷這筆異動', reason: '沖銷原因', reasonRequired: '請輸入沖銷原因', reversed: '已沖銷，沖銷單 {{number}}',
    reprint: '重新列印', reversedBy: '已被沖銷', noHistory: '暫無修改記錄', changedAt: '修改時間', previous: '原備註', employee: '領用人',
  },
  counts: { title: '盤點', store: '盤點庫位', open: '開盤點單', sheet: '盤點單', openedAt: '開單時間', lot: '批次 · 單位成本', system: '帳面數量', counted: '實盤數量', variance: '差異', record: '提交審批（{{n}} 行）', created: '{{number}} 已開單，共 {{lines}} 行', recorded: '{{number}} 已提交，待主管審批', empty: '暫無進行中的盤點單', hint: '填寫實盤數量後提交；只提交填寫了的行。帳面數量按提交時的庫存計算，盤點期間的出入庫不算差異。', locate: '定位配件：掃碼或輸入編碼、名稱後按 Enter', notOnSheet: '本盤點單中沒有 {{text}}', parts: '只盤這些配件（可選）', cancel: '作廢', cancelConfirm: '作廢盤點單 {{number}}？已填寫的數量不會儲存。', cancelled: '{{number}} 已作廢' },
  approvals: { title: '審批', empty: '暫無待審批的單據', approve: '核准', reject: '駁回', note: '審批意見', approved: '{{number}} 已核准', rejected: '{{number}} 已駁回', requester: '申請人', value: '金額', count: '盤點單', countSummary: '已盤 {{counted}} 行，其中 {{differing}} 行有差異', variance: '系統 {{system}} → 實盤 {{counted}}' },
  rw: {
    title: '返還與核銷', employee: '員工', selectEmployee: '選擇員工', mode: '操作', return: '返還入庫', writeOff: '核銷', toLocation: '返還到',
    reason: '核銷原因', consumed: '已使用（消耗）', scrapped: '報廢', workOrder: '工單號（選填）', qty: '數量', held: '持有',
    submitReturn: '返還所選', submitWriteOff: '核銷所選', returned: '返還單 {{number}} 已過帳', writtenOff: '核銷單 {{number}} 已過帳', pickLines: '勾選配件並填寫數量',
  },
  transfer: {
    title: '調撥', from: '調出倉庫', to: '調入服務站', post: '發出調撥', posted: '調撥單 {{number}} 已發出，在途',
    receiveTitle: '調撥收貨', inTransit: '在途調撥單', sent: '發出數量', received: '實收數量', receive: '確認收貨', receivedOk: '已收貨，收貨單 {{number}}',
    differences: '差異', noDifferences: '實收與發出一致', diffLine: '{{part}}：發出 {{sent}}，實收 {{received}}，差 {{diff}}', empty: '暫無在途調撥單',
  },
  stats: {
    title: '領取統計', groupBy: '統計維度', employee: '按員工', part: '按配件', station: '按服務站', period: '期間', label: '項目',
    issuedQty: '領取', returnedQty: '返還', consumedQty: '消耗', scrappedQty: '報廢', netQty: '淨領取', cost: '成本', saleValue: '銷售額', profit: '毛利', export: '匯出 Excel',
  },
  mobile: {
    todayJobs: '今日工單', myParts: '我手中的配件', updatedAt: '資料更新於 {{time}}', reload: '重新整理', loadFailed: '讀取失敗，請檢查網路', noJobs: '今天沒有指派給我的工單',
    openReport: '打開工單 / 服務報告', details: '詳情', jobNotFound: '找不到該工單（不在今日工單中）', site: '地點', unit: '車輛', fault: '故障', contacts: '聯絡人',
    call: '打電話', navigate: '導航', yes: '是', no: '否', pendingShort: '待同步',
    offlineNone: '離線 — 顯示的是最近一次讀取的資料', offline: '離線 — {{n}} 項待同步', syncing: '正在同步 {{n}} 項…', stuck: '{{n}} 項修改未能同步，請處理',
    offer: '偵測到手機螢幕：使用手機端查看今日工單、填寫服務報告（離線也可用）', offerOpen: '打開手機端',
    step: { accepted: '接單', en_route: '出發', on_site: '到達現場', waiting_parts: '缺件待修', resume: '配件已到，繼續維修' },
    due: { response: '回應', arrival: '到場', resolution: '完工' },
    sla: { ok: '正常', near: '臨近', breached: '已逾時' },
    status: { new: '新建', dispatched: '已派工', accepted: '已接單', en_route: '在途', on_site: '在現場', waiting_parts: '缺件待修', resolved: '已完工', signed: '已簽名', closed: '已關閉', cancelled: '已取消' },
    waiting: { submit: '提交缺件', description: '描述（目錄中沒有的配件）', partOrDescription: '請選擇配件或填寫描述' },
    kind: { transition: '狀態變更', report: '報告修改', photo: '照片', submit: '提交報告', sign: '客戶簽名' },
    reportStatus: { draft: '草稿', submitted: '已提交', signed: '已簽名' },
    responsibility: { customer: '客戶', manufacturer: '廠家', dealer: '經銷商', supplier: '供應商', unknown: '不明' },
    report: {
      title: '服務報告', findings: '檢查情況', listen: '聽', look: '看', check: '查', cause: '故障原因', responsibility: '責任方', actions: '處理措施',
      odometerKm: '里程（km）', runningHours: '運行小時', tampered: '有私自改裝/拆動', minutesSpent: '用時（分鐘）',
      partsUsed: '更換的配件', partsUsedHint: '只能選擇我手中的配件，數量不超過持有數量；提交後從我手中核銷', pickHeld: '選擇手中的配件', held: '持有 {{qty}}',
      reason: '更換原因', overHeld: '超過持有數量 {{qty}}', addUsed: '新增更換的配件', oldParts: '帶回的舊件', addOld: '新增舊件', oldSameAsUsed: '同更換的配件',
      photos: '照片', takePhoto: '拍照 / 選擇照片', photoNoRoom: '手機儲存空間不足，照片未儲存；請連網同步後再拍', photoFailed: '照片無法讀取',
      missing: '還需填寫：{{fields}}', submitOnSite: '到達現場後才能提交報告', submit: '提交報告（完工）', pdf: '查看服務報告 PDF',
      unavailable: '暫時讀不到服務報告，填寫的內容先儲存在手機上', notYet: '接單後即可填寫服務報告',
    },
    conflict: {
      title: '{{what}}與伺服器衝突', failed: '{{what}}未能儲存', status: '狀態', report: '報告', mine: '我的', theirs: '伺服器上的',
      keep: '保留我的（在新版本上重新提交）', discard: '放棄我的', retry: '重試',
    },
    sign: {
      title: '客戶簽名', hint: '請客戶核對報告後在下面簽名', here: '在此處簽名', clear: '清除', empty: '請先簽名', name: '簽名人姓名', submit: '確認簽名',
      done: '{{name}} 已簽名，報告已鎖定',
    },
  },
  svcx: {
    carry: {
      title: '攜回修護', new: '接收送修', item: '物品', fault: '故障描述', accessories: '隨附配件', broughtBy: '送修人', customer: '客戶', workOrder: '工單', unit: '設備',
      number: '收據號', technician: '技術員', minutes: '用時（分鐘）', partsText: '使用配件', repairNote: '修護說明', tag: '修護卡', saveTag: '儲存修護卡',
      start: '開始修護', inspect: '主管檢驗', pass: '檢驗合格', fail: '檢驗不合格', inspectNote: '檢驗意見', return: '客戶取回', signerName: '簽收人', receipt: '領取收據', log: '進出記錄',
      received: '已接收', in_repair: '修護中', inspected: '已檢驗', returned: '已取回', tagStep: '填寫修護卡', inspection_failed: '檢驗不合格', created: '收據 {{number}} 已開出', saved: '已儲存', back: '返回列表',
    },
    loaners: {
      title: '備機', serial: '序號', model: '型號', note: '備註', add: '新增備機', lend: '借出', return: '歸還', dueBack: '應還日期', overdue: '逾期', pool: '備機池', overdueList: '逾期未還',
      available: '可用', lent: '借出', maintenance: '維修中', toMaintenance: '歸還後送修', setAvailable: '設為可用', setMaintenance: '設為維修', lentTo: '借給', lentAt: '借出時間', workOrder: '工單',
    },
    charges: {
      title: '收費', pickWorkOrder: '選擇工單', labour: '工時', parts: '配件', travel: '交通', kind: '類別', description: '說明', qty: '數量（小時/件/公里）', rate: '單價', list: '標價', cost: '成本', charged: '應收', payer: '付費方',
      customer: '客戶', manufacturer: '廠家（三包）', contract: '合同', internal: '內部', ledger: '工單領用', manual: '手工', add: '新增', totals: '合計', requestInvoice: '申請開票', requested: '開票申請已提交',
      warrantyStatus: { in: '保固期內', partial: '配件按成本、工時免費', out: '保固期外' }, locked: '已申請開票，明細已鎖定', warranty: '三包', serviceType: '服務類型',
    },
    invoices: {
      title: '開票申請', requested: '待開票', invoiced: '已開票', rejected: '已退回', amount: '金額', invoiceNo: '發票號', invoice: '開票', reject: '退回', reason: '退回原因', requestedBy: '申請人', requestedAt: '申請時間',
    },
    daily: {
      title: '技術員日報表', rollUp: '服務主任日報表', day: '日期', technician: '技術員', generate: '產生日報', regenerate: '按工單記錄重新產生', submit: '提交', submitted: '已提交', draft: '草稿', missing: '未產生',
      minutes: '工時（分鐘）', total: '合計', jobs: '工單數', km: '里程（km）', notes: '備註', lines: '工單明細', undispatched: '未派工報修', rollover: '前期轉入', today: '今日', totals: '全員合計',
      save: '儲存', typeA: 'A 有費', typeB: 'B 合同', typeC: 'C 免費', typeD: 'D 行政',
    },
    notifications: { title: '通知', empty: '暫無通知', markRead: '標為已讀' },
  },
};
