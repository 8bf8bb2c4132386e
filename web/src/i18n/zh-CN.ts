// 简体中文 (default). The other languages mirror these keys (checked by the type of zhTW/en).
export const zhCN = {
  app: { title: '售后配件管理', short: '配件' },
  nav: { documents: '单据', approvals: '审批', returnsWriteOffs: '返还与核销', transfers: '调拨', transferReceive: '调拨收货', stats: '领取统计', parts: '配件', receipt: '入库', issue: '出库', stock: '库存', myParts: '我的配件', reservations: '预订', returns: '返还', shortages: '缺件申请', purchasing: '采购清单' },
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
  errors: { network: '网络连接失败，请检查网络后重试；已填写的内容仍保留', server: '服务器出错（{{status}}），请稍后重试' },
  status: { draft: '草稿', pending_approval: '待审批', posted: '已过账', in_transit: '在途', received: '已收货', rejected: '已驳回', reversed: '已冲销', open: '未结', fulfilled: '已领', cancelled: '已取消', expired: '已过期' },
  docType: { receipt: '入库单', issue: '出库单', return: '返还单', write_off: '核销单', transfer: '调拨单', transfer_receipt: '调拨收货单', count: '盘点单', reversal: '冲销单', reservation: '预订单' },
  documents: {
    title: '单据', type: '单据类型', status: '状态', allTypes: '全部类型', allStatuses: '全部状态', number: '单号', createdAt: '创建时间', postedAt: '过账时间',
    totalCost: '成本金额', lines: '明细', remarkHistory: '备注修改记录', editRemark: '修改备注', saveRemark: '保存备注', remarkSaved: '备注已保存',
    moves: '库存变动', reverse: '冲销', reverseTitle: '冲销这笔变动', reason: '冲销原因', reasonRequired: '请输入冲销原因', reversed: '已冲销，冲销单 {{number}}',
    reprint: '重新打印', reversedBy: '已被冲销', noHistory: '暂无修改记录', changedAt: '修改时间', previous: '原备注', employee: '领用人',
  },
  approvals: { title: '审批', empty: '暂无待审批的领料单', approve: '批准', reject: '驳回', note: '审批意见', approved: '{{number}} 已批准', rejected: '{{number}} 已驳回', requester: '申请人', value: '金额' },
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
};
export type Messages = typeof zhCN;
