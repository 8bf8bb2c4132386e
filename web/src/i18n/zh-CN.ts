// 简体中文 (default). The other languages mirror these keys (checked by the type of zhTW/en).
export const zhCN = {
  app: { title: '售后配件管理', short: '配件' },
  nav: { documents: '单据', approvals: '审批', returnsWriteOffs: '返还与核销', transfers: '调拨', transferReceive: '调拨收货', stats: '领取统计', parts: '配件', receipt: '入库', issue: '出库', stock: '库存', myParts: '我的配件', reservations: '预订', returns: '返还' },
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
  stock: { title: '库存', byPart: '按配件', byLot: '按批次', allLocations: '全部库位' },
  holdings: {
    title: '我的配件', totalValue: '手中配件金额', returnSelected: '返还所选', returnTo: '返还到', returnQty: '返还数量',
    returned: '返还单 {{number}} 已过账', empty: '手中暂无配件', selectToReturn: '勾选要返还的配件',
  },
  reservations: { title: '预订', number: '单号', expiresAt: '到期', openQty: '未领数量' },
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
