import type { Messages } from './zh-CN';

/** 繁體中文. */
export const zhTW: Messages = {
  app: { title: '售後配件管理', short: '配件' },
  nav: { documents: '單據', approvals: '審批', returnsWriteOffs: '返還與核銷', transfers: '調撥', transferReceive: '調撥收貨', stats: '領取統計', parts: '配件', receipt: '入庫', issue: '出庫', stock: '庫存', myParts: '我的配件', reservations: '預訂', returns: '返還' },
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
  stock: { title: '庫存', byPart: '按配件', byLot: '按批次', allLocations: '全部庫位' },
  holdings: {
    title: '我的配件', totalValue: '手中配件金額', returnSelected: '返還所選', returnTo: '返還到', returnQty: '返還數量',
    returned: '返還單 {{number}} 已過帳', empty: '手中暫無配件', selectToReturn: '勾選要返還的配件',
  },
  reservations: { title: '預訂', number: '單號', expiresAt: '到期', openQty: '未領數量' },
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
