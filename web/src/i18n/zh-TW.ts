import type { Messages } from './zh-CN';

/** 繁體中文. */
export const zhTW: Messages = {
  app: { title: '售後配件管理', short: '配件' },
  nav: { documents: '單據', approvals: '審批', returnsWriteOffs: '返還與核銷', transfers: '調撥', transferReceive: '調撥收貨', stats: '領取統計', parts: '配件', receipt: '入庫', issue: '出庫', stock: '庫存', myParts: '我的配件', reservations: '預訂', returns: '返還', shortages: '缺件申請', purchasing: '採購清單' },
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
    title: '庫存', byPart: '按配件', byLot: '按批次', allLocations: '全部庫位', asOf: '截至日期', asOfNow: '目前', asOfNote: '{{date}} 日終庫存（歷史庫存不含預訂）',
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
  errors: { network: '網路連線失敗，請檢查網路後重試；已填寫的內容仍保留', server: '伺服器出錯（{{status}}），請稍後重試' },
  status: { draft: '草稿', pending_approval: '待審批', posted: '已過帳', in_transit: '在途', received: '已收貨', rejected: '已駁回', reversed: '已沖銷', open: '未結', fulfilled: '已領', cancelled: '已取消', expired: '已過期' },
  docType: { receipt: '入庫單', issue: '出庫單', return: '返還單', write_off: '核銷單', transfer: '調撥單', transfer_receipt: '調撥收貨單', count: '盤點單', reversal: '沖銷單', reservation: '預訂單' },
  documents: {
    title: '單據', type: '單據類型', status: '狀態', allTypes: '全部類型', allStatuses: '全部狀態', number: '單號', createdAt: '建立時間', postedAt: '過帳時間',
    totalCost: '成本金額', lines: '明細', remarkHistory: '備註修改記錄', editRemark: '修改備註', saveRemark: '儲存備註', remarkSaved: '備註已儲存',
    moves: '庫存異動', reverse: '沖銷', reverseTitle: '沖銷這筆異動', reason: '沖銷原因', reasonRequired: '請輸入沖銷原因', reversed: '已沖銷，沖銷單 {{number}}',
    reprint: '重新列印', reversedBy: '已被沖銷', noHistory: '暫無修改記錄', changedAt: '修改時間', previous: '原備註', employee: '領用人',
  },
  approvals: { title: '審批', empty: '暫無待審批的領料單', approve: '核准', reject: '駁回', note: '審批意見', approved: '{{number}} 已核准', rejected: '{{number}} 已駁回', requester: '申請人', value: '金額' },
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
};
