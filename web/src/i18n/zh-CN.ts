// 简体中文 (default). The other languages mirror these keys (checked by the type of zhTW/en).
import { serviceZhCN } from '../features/service/i18n';
import { oldPartsZhCN } from '../features/old-parts/i18n';
export const zhCN = {
  app: { title: '售后配件管理', short: '配件' },
  nav: { calls: '来电来函', workOrders: '工单', board: '派工看板', customers: '客户', units: '设备', models: '产品型号', documents: '单据', approvals: '审批', returnsWriteOffs: '返还与核销', transfers: '调拨', transferReceive: '调拨收货', stats: '领取统计', parts: '配件', receipt: '入库', issue: '出库', stock: '库存', myParts: '我的配件', reservations: '预订', returns: '返还', shortages: '缺件申请', purchasing: '采购清单', mobile: '手机端', carryIns: '携回修护', loaners: '备机', charges: '收费', invoiceRequests: '开票申请', dailyReport: '技术员日报', dailyRollUp: '服务主任日报', oldParts: '旧件' },
  user: { language: '语言', logout: '退出登录', roles: '角色' },
  role: { admin: '系统管理员', service_manager: '服务经理', dispatcher: '调度', technician: '技师', warehouse_keeper: '仓管', finance: '财务', station_user: '服务站' },
  login: { title: '登录', username: '用户名', password: '密码', submit: '登录', required: '请输入{{field}}' },
  common: {
    search: '搜索', prev: '上一页', next: '下一页', loadMore: '加载更多', none: '无', total: '合计', actions: '操作', detail: '详情',
    code: '编码', name: '名称', spec: '规格', unit: '单位', category: '类别', salePrice: '销售价', alarmQty: '报警数量',
    location: '库位', supplier: '供应商', part: '配件', qty: '数量', unitCost: '单位成本', lot: '批号', value: '金额',
    onHand: '在库', reserved: '已预订', available: '可用', time: '时间', kind: '类型', from: '从', to: '到', document: '单据',
    addLine: '添加一行', removeLine: '删除', required: '必填', selectPart: '输入编码、名称或拼音首字母', noData: '暂无数据',
    retry: '重试', belowAlarm: '低于报警', status: '状态', remark: '备注', again: '再录一单', print: '打印',
  },
  parts: { title: '配件', searchPlaceholder: '编码 / 名称 / 规格 / 条码 / 拼音首字母', stockByLocation: '各库位库存', lots: '批次', ledger: '出入库流水', receivedAt: '入库时间' },
  move: { receipt: '入库', issue: '出库', return: '返还', consume: '核销', scrap: '报废', transfer_out: '调出', transfer_in: '调入', transfer_loss: '在途损耗', count_gain: '盘盈', count_loss: '盘亏', opening: '期初', reversal: '冲销' },
  receipt: {
    title: '入库', location: '入库库位', supplier: '供应商', lot: '批号（可选）', preview: '预览', post: '过账',
    topUp: '补充批次 {{lot}}', newLot: '新批次', newLotNamed: '新批次 {{lot}}', posted: '入库单 {{number}} 已过账',
    costFormat: '金额最多两位小数',
  },
  issue: { title: '出库', store: '出库库位', employee: '领用人', posted: '出库单 {{number}} 已过账', availableHint: '可用 {{qty}}', slip: '领料单' },
  print: { a4: 'A4 打印', r80: '80mm 小票', pdf: 'PDF' },
  stock: {
    title: '库存', byPart: '按配件', byLot: '按批次', allLocations: '全部库位', asOf: '截至日期', asOfNow: '当前', asOfNote: '{{date}} 日终库存（历史库存不含预订）',
    category: '类别', allParts: '全部配件', lowCount: '{{n}} 项低于报警值', export: '导出 Excel',
  },
  bulk: {
    edit: '批量修改', selected: '已选 {{n}} 个配件', title: '批量修改 {{n}} 个配件', hint: '只修改勾选的项目，其余保持不变；任一配件出错则全部不保存。',
    archive: '归档', archiveSet: '归档', archiveUnset: '取消归档', archived: '已归档', showArchived: '显示已归档', apply: '保存修改',
    saved: '已修改 {{n}} 个配件', pickField: '请至少勾选一项要修改的内容', clear: '清除选择', failedRows: '以下配件未能修改',
  },
  importer: {
    button: '从 Excel 导入', title: '从 Excel 导入', kind: '导入内容', parts: '配件', suppliers: '供应商', openingStock: '期初库存',
    template: '下载模板', choose: '点击或拖入 .xlsx 文件', file: '文件', allOk: '全部 {{n}} 行数据正确，可以导入。',
    someBad: '{{failed}} 行有误，{{valid}} 行正确。默认不导入任何数据。', importAll: '导入 {{n}} 行', goodOnly: '只导入正确的 {{n}} 行',
    cancel: '不导入', imported: '已导入 {{n}} 行', nothing: '未导入任何数据', documents: '期初入库单：{{numbers}}',
    row: '行号', column: '列', message: '错误信息', export: '导出 Excel',
  },
  purchasing: {
    title: '采购清单', printA4: 'A4 打印', pdf: 'PDF', export: '导出 Excel', noSupplier: '未指定供应商', lines: '{{n}} 项', sources: '来源',
    shortage: '缺件申请', work_order: '工单待料', alarm: '低于报警', lastCost: '最近进价', amount: '预计金额', empty: '暂无需要采购的配件',
    requests: '缺件申请', markOrdered: '已订购', markClosed: '关闭', updated: '{{what}} 已更新', description: '描述', createdAt: '申请时间',
    groupTotal: '小计', contact: '联系人',
  },
  holdings: {
    title: '我的配件', totalValue: '手中配件金额', returnSelected: '返还所选', returnTo: '返还到', returnQty: '返还数量',
    returned: '返还单 {{number}} 已过账', empty: '手中暂无配件', selectToReturn: '勾选要返还的配件',
  },
  reservations: {
    title: '预订', number: '单号', expiresAt: '到期', openQty: '未领数量', new: '预订配件', store: '从哪个库位预订', forUser: '为谁预订', forStation: '网点',
    submit: '提交预订', created: '预订单 {{number}} 已提交，配件已为您保留', cancel: '取消预订', cancelConfirm: '取消预订单 {{number}}？保留的数量将释放', cancelled: '预订单 {{number}} 已取消',
    fulfil: '领取出库', fulfilTitle: '按预订单 {{number}} 出库', fulfilled: '出库单 {{number}} 已过账', empty: '暂无预订', mine: '我的预订', all: '全部', createdAt: '预订时间', again: '再订', expiresHint: '不填则一直保留到领取或取消',
  },
  scan: {
    button: '扫码', title: '扫描条码', hint: '扫码枪可直接扫描；手机点“扫码”用摄像头', looking: '正在查找条码 {{code}}…', added: '已添加第 {{line}} 行：{{part}}', incremented: '{{part}} 数量加 1，现为 {{qty}}',
    unknown: '条码 {{code}} 没有对应的配件', createPart: '新建此配件', noCamera: '未检测到摄像头，请用扫码枪或手动选择配件', noCameraApi: '此浏览器无法使用摄像头（需 HTTPS 访问），请用扫码枪或手动选择配件',
    denied: '摄像头权限被拒绝，请在浏览器设置中允许访问摄像头', busy: '摄像头正被其他应用占用', cameraError: '摄像头无法打开：{{message}}', aim: '将条码置于画面中央，识别后自动关闭',
    barcode: '条码', newPartTitle: '新建配件', partCreated: '配件 {{code}} 已创建并加入单据',
  },
  shortages: {
    title: '缺件申请', request: '申请缺件', requested: '已申请缺件 {{qty}}', short: '缺 {{qty}}', qty: '缺件数量', description: '描述（目录中没有的配件）', mine: '只看我的', new: '新建缺件申请',
    submit: '提交申请', created: '缺件申请已提交', empty: '暂无缺件申请', createdAt: '申请时间', requester: '申请人', markOrdered: '已采购', close: '关闭', partOrDescription: '请选择配件或填写描述',
    status: { open: '待处理', ordered: '已采购', closed: '已关闭' }, confirm: '申请缺件 {{qty}}，列入采购清单？', fromReservation: '预订时库存不足', fromIssue: '出库时库存不足',
  },
  service: serviceZhCN,
  oldParts: oldPartsZhCN,
  errors: { network: '网络连接失败，请检查网络后重试；已填写的内容仍保留', server: '服务器出错（{{status}}），请稍后重试' },
  status: { draft: '草稿', pending_approval: '待审批', posted: '已过账', in_transit: '在途', received: '已收货', rejected: '已驳回', reversed: '已冲销', open: '未结', fulfilled: '已领', cancelled: '已取消', expired: '已过期' },
  docType: { receipt: '入库单', issue: '出库单', return: '返还单', write_off: '核销单', transfer: '调拨单', transfer_receipt: '调拨收货单', count: '盘点单', reversal: '冲销单', reservation: '预订单', old_parts_in: '旧件入库单', old_parts_out: '旧件处理单' },
  documents: {
    title: '单据', type: '单据类型', status: '状态', allTypes: '全部类型', allStatuses: '全部状态', number: '单号', createdAt: '创建时间', postedAt: '过账时间',
    totalCost: '成本金额', lines: '明细', remarkHistory: '备注修改记录', editRemark: '修改备注', saveRemark: '保存备注', remarkSaved: '备注已保存',
    moves: '库存变动', reverse: '冲销', reverseTitle: '冲销这笔变动', reason: '冲销原因', reasonRequired: '请输入冲销原因', reversed: '已冲销，冲销单 {{number}}',
    reprint: '重新打印', reversedBy: '已被冲销', noHistory: '暂无修改记录', changedAt: '修改时间', previous: '原备注', employee: '领用人',
  },
  approvals: { title: '审批', empty: '暂无待审批的单据', approve: '批准', reject: '驳回', note: '审批意见', approved: '{{number}} 已批准', rejected: '{{number}} 已驳回', requester: '申请人', value: '金额', count: '盘点单', countSummary: '已盘 {{counted}} 行，其中 {{differing}} 行有差异', variance: '系统 {{system}} → 实盘 {{counted}}' },
  rw: {
    title: '返还与核销', employee: '员工', selectEmployee: '选择员工', mode: '操作', return: '返还入库', writeOff: '核销', toLocation: '返还到',
    reason: '核销原因', consumed: '已使用（消耗）', scrapped: '报废', workOrder: '工单号（可选）', qty: '数量', held: '持有',
    submitReturn: '返还所选', submitWriteOff: '核销所选', returned: '返还单 {{number}} 已过账', writtenOff: '核销单 {{number}} 已过账', pickLines: '勾选配件并填写数量',
  },
  transfer: {
    title: '调拨', from: '调出仓库', to: '调入服务站', post: '发出调拨', posted: '调拨单 {{number}} 已发出，在途',
    receiveTitle: '调拨收货', inTransit: '在途调拨单', sent: '发出数量', received: '实收数量', receive: '确认收货', receivedOk: '已收货，收货单 {{number}}',
    differences: '差异', noDifferences: '实收与发出一致', diffLine: '{{part}}：发出 {{sent}}，实收 {{received}}，差 {{diff}}', empty: '暂无在途调拨单',
  },
  stats: {
    title: '领取统计', groupBy: '统计维度', employee: '按员工', part: '按配件', station: '按服务站', period: '期间', label: '项目',
    issuedQty: '领取', returnedQty: '返还', consumedQty: '消耗', scrappedQty: '报废', netQty: '净领取', cost: '成本', saleValue: '销售额', profit: '毛利', export: '导出 Excel',
  },
  mobile: {
    todayJobs: '今日工单', myParts: '我手中的配件', updatedAt: '数据更新于 {{time}}', reload: '刷新', loadFailed: '读取失败，请检查网络', noJobs: '今天没有分派给我的工单',
    openReport: '打开工单 / 服务报告', details: '详情', jobNotFound: '找不到该工单（不在今日工单中）', site: '地点', unit: '车辆', fault: '故障', contacts: '联系人',
    call: '打电话', navigate: '导航', yes: '是', no: '否', pendingShort: '待同步',
    offlineNone: '离线 — 显示的是最近一次读取的数据', offline: '离线 — {{n}} 项待同步', syncing: '正在同步 {{n}} 项…', stuck: '{{n}} 项修改未能同步，请处理',
    offer: '检测到手机屏幕：使用手机端查看今日工单、填写服务报告（离线也可用）', offerOpen: '打开手机端',
    step: { accepted: '接单', en_route: '出发', on_site: '到达现场', waiting_parts: '缺件待修', resume: '配件已到，继续维修' },
    due: { response: '响应', arrival: '到场', resolution: '完工' },
    sla: { ok: '正常', near: '临近', breached: '已超时' },
    status: { new: '新建', dispatched: '已派工', accepted: '已接单', en_route: '在途', on_site: '在现场', waiting_parts: '缺件待修', resolved: '已完工', signed: '已签字', closed: '已关闭', cancelled: '已取消' },
    waiting: { submit: '提交缺件', description: '描述（目录中没有的配件）', partOrDescription: '请选择配件或填写描述' },
    kind: { transition: '状态变更', report: '报告修改', photo: '照片', submit: '提交报告', sign: '客户签字' },
    reportStatus: { draft: '草稿', submitted: '已提交', signed: '已签字' },
    responsibility: { customer: '客户', manufacturer: '厂家', dealer: '经销商', supplier: '供应商', unknown: '不明' },
    report: {
      title: '服务报告', findings: '检查情况', listen: '听', look: '看', check: '查', cause: '故障原因', responsibility: '责任方', actions: '处理措施',
      odometerKm: '里程（km）', runningHours: '运行小时', tampered: '有私自改装/拆动', minutesSpent: '用时（分钟）',
      partsUsed: '更换的配件', partsUsedHint: '只能选择我手中的配件，数量不超过持有数量；提交后从我手中核销', pickHeld: '选择手中的配件', held: '持有 {{qty}}',
      reason: '更换原因', overHeld: '超过持有数量 {{qty}}', addUsed: '添加更换的配件', oldParts: '带回的旧件', addOld: '添加旧件', oldSameAsUsed: '同更换的配件',
      photos: '照片', takePhoto: '拍照 / 选择照片', photoNoRoom: '手机存储空间不足，照片未保存；请联网同步后再拍', photoFailed: '照片无法读取',
      missing: '还需填写：{{fields}}', submitOnSite: '到达现场后才能提交报告', submit: '提交报告（完工）', pdf: '查看服务报告 PDF',
      unavailable: '暂时读不到服务报告，填写的内容先保存在手机上', notYet: '接单后即可填写服务报告',
    },
    conflict: {
      title: '{{what}}与服务器冲突', failed: '{{what}}未能保存', status: '状态', report: '报告', mine: '我的', theirs: '服务器上的',
      keep: '保留我的（在新版本上重新提交）', discard: '放弃我的', retry: '重试',
    },
    sign: {
      title: '客户签字', hint: '请客户核对报告后在下面签名', here: '在此处签名', clear: '清除', empty: '请先签名', name: '签字人姓名', submit: '确认签字',
      done: '{{name}} 已签字，报告已锁定',
    },
  },
  svcx: {
    carry: {
      title: '携回修护', new: '接收送修', item: '物品', fault: '故障描述', accessories: '随附配件', broughtBy: '送修人', customer: '客户', workOrder: '工单', unit: '设备',
      number: '收据号', technician: '技术员', minutes: '用时（分钟）', partsText: '使用配件', repairNote: '修护说明', tag: '修护卡', saveTag: '保存修护卡',
      start: '开始修护', inspect: '主管检验', pass: '检验合格', fail: '检验不合格', inspectNote: '检验意见', return: '客户取回', signerName: '签收人', receipt: '领取收据', log: '进出记录',
      received: '已接收', in_repair: '修护中', inspected: '已检验', returned: '已取回', tagStep: '填写修护卡', inspection_failed: '检验不合格', created: '收据 {{number}} 已开出', saved: '已保存', back: '返回列表',
    },
    loaners: {
      title: '备机', serial: '序列号', model: '型号', note: '备注', add: '新增备机', lend: '借出', return: '归还', dueBack: '应还日期', overdue: '逾期', pool: '备机池', overdueList: '逾期未还',
      available: '可用', lent: '借出', maintenance: '维修中', toMaintenance: '归还后送修', setAvailable: '设为可用', setMaintenance: '设为维修', lentTo: '借给', lentAt: '借出时间', workOrder: '工单',
    },
    charges: {
      title: '收费', pickWorkOrder: '选择工单', labour: '工时', parts: '配件', travel: '交通', kind: '类别', description: '说明', qty: '数量（小时/件/公里）', rate: '单价', list: '标价', cost: '成本', charged: '应收', payer: '付费方',
      customer: '客户', manufacturer: '厂家（三包）', contract: '合同', internal: '内部', ledger: '工单领用', manual: '手工', add: '添加', totals: '合计', requestInvoice: '申请开票', requested: '开票申请已提交',
      warrantyStatus: { in: '保修期内', partial: '配件按成本、工时免费', out: '保修期外' }, locked: '已申请开票，明细已锁定', warranty: '三包', serviceType: '服务类型',
    },
    invoices: {
      title: '开票申请', requested: '待开票', invoiced: '已开票', rejected: '已退回', amount: '金额', invoiceNo: '发票号', invoice: '开票', reject: '退回', reason: '退回原因', requestedBy: '申请人', requestedAt: '申请时间',
    },
    daily: {
      title: '技术员日报', rollUp: '服务主任日报', day: '日期', technician: '技术员', generate: '生成日报', regenerate: '按工单记录重新生成', submit: '提交', submitted: '已提交', draft: '草稿', missing: '未生成',
      minutes: '工时（分钟）', total: '合计', jobs: '工单数', km: '里程（km）', notes: '备注', lines: '工单明细', undispatched: '未派工报修', rollover: '前期转入', today: '今日', totals: '全员合计',
      save: '保存', typeA: 'A 有费', typeB: 'B 合同', typeC: 'C 免费', typeD: 'D 行政',
    },
    notifications: { title: '通知', empty: '暂无通知', markRead: '标为已读' },
  },
};
export type Messages = typeof zhCN;
